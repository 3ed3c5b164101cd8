using System.Globalization;
using Multinet.Shared.Crds;
using Multinet.Shared.Validation;

namespace Multinet.Web.Model;

/// <summary>The create-network form's fields as typed, and their validation against the Networks that exist.</summary>
public sealed class NetworkFormModel
{
    public string Name { get; set; } = "";

    public string Vni { get; set; } = "";

    public string Range { get; set; } = "";

    public string PhysicalNetworkName { get; set; } = "";

    /// <summary>The form filled from a stored Network, for editing it.</summary>
    public static NetworkFormModel From(V3Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new NetworkFormModel
        {
            Name = network.Metadata.Name ?? "",
            Vni = network.Spec?.Vni?.ToString(CultureInfo.InvariantCulture) ?? "",
            Range = network.Spec?.Range ?? "",
            PhysicalNetworkName = network.Spec?.PhysicalNetworkName ?? "",
        };
    }

    /// <summary>The Network the fields describe; a VNI that is not a number is left out and reported by <see cref="Validate"/>.</summary>
    public V3Network ToNetwork() => V3Network.Create(Name.Trim(), ParseVni(), Range.Trim(), PhysicalNetworkName.Trim());

    public ValidationResult Validate(IEnumerable<V3Network> existing)
    {
        var result = NetworkValidator.Validate(ToNetwork(), existing);
        if (string.IsNullOrWhiteSpace(Vni) || ParseVni() is not null)
        {
            return result;
        }

        var errors = result.Errors.Where(e => e.Field != NetworkValidator.VniField)
            .Append(new FieldViolation(NetworkValidator.VniField, FieldReasons.Invalid, $"\"{Vni.Trim()}\" is not a whole number: a VNI is from 1 to {CrdConstants.MaxVni}."))
            .ToList();
        return new ValidationResult(errors, result.Warnings);
    }

    private long? ParseVni() =>
        long.TryParse(Vni.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var vni) ? vni : null;
}
