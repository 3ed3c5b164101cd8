using System.Globalization;
using System.Net;
using Multinet.Agent.Dataplane.Vpp.Messages;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>Network-aware service entries as cnat translations; never one without backends (VPP would abort).</summary>
internal sealed partial class VppDataplane
{
    private const string CnatMissing = "cnat plugin not loaded: service entries unavailable";

    private async Task AddServiceAsync(DataplaneOperation operation, ServiceEntrySpec service, CancellationToken cancellationToken)
    {
        var translation = ToTranslation(operation, service);
        if (translation.Backends.Count == 0)
        {
            // cnat_translation_update with n_paths = 0 makes VPP allocate about 2^32 paths and abort: never send it.
            throw Invalid(operation, "Backends", "[]", "a non-empty list (a translation without backends would crash VPP; the entry is deleted instead)");
        }

        var connection = await GetConnectionAsync(cancellationToken);
        if (!connection.MessageTable.Offers(new CnatTranslationUpdate(translation).MessageName))
        {
            throw new DataplaneException($"{operation.Describe()}: {CnatMissing}.", "VNET_API_ERROR_UNIMPLEMENTED");
        }

        await connection.RequestAsync(new CnatTranslationUpdate(translation), cancellationToken);
        _services[ServiceKey(translation)] = service;
    }

    private async Task DeleteServiceAsync(DataplaneOperation operation, ServiceEntrySpec service, CancellationToken cancellationToken)
    {
        var wanted = ToTranslation(operation, service with { Backends = [] });
        var connection = await GetConnectionAsync(cancellationToken);
        if (!connection.MessageTable.Offers("cnat_translation_dump"))
        {
            throw new DataplaneException($"{operation.Describe()}: {CnatMissing}.", "VNET_API_ERROR_UNIMPLEMENTED");
        }

        var key = ServiceKey(wanted);
        var present = (await connection.DumpAsync(new CnatTranslationDump(), cancellationToken))
            .Select(d => CnatTranslation.From(d.Get<IReadOnlyDictionary<string, object?>>("translation")))
            .FirstOrDefault(t => ServiceKey(t) == key);
        if (present is not null)
        {
            try
            {
                await connection.RequestAsync(new CnatTranslationDel(present.Id), cancellationToken);
            }
            catch (DataplaneException ex) when (IsGone(ex))
            {
                // Already gone.
            }
        }

        _services.TryRemove(key, out _);
    }

    private static CnatTranslation ToTranslation(DataplaneOperation operation, ServiceEntrySpec service)
    {
        var vip = ParseAddress(operation, "Vip", service.Vip);
        if (service.Port is < 1 or > ushort.MaxValue)
        {
            throw Invalid(operation, "Port", service.Port.ToString(CultureInfo.InvariantCulture), "a port between 1 and 65535");
        }

        var proto = service.Protocol.ToUpperInvariant() switch
        {
            "TCP" => CnatTranslation.Tcp,
            "UDP" => CnatTranslation.Udp,
            "SCTP" => CnatTranslation.Sctp,
            _ => throw Invalid(operation, "Protocol", service.Protocol, "TCP, UDP or SCTP"),
        };
        var backends = new List<CnatEndpoint>();
        foreach (var backend in service.Backends)
        {
            if (!IPEndPoint.TryParse(backend, out var endpoint) || endpoint.Port == 0 || endpoint.AddressFamily != vip.AddressFamily)
            {
                throw Invalid(operation, "Backends", backend, $"an ip:port of the VIP's address family with a port");
            }

            backends.Add(new CnatEndpoint(endpoint.Address, (ushort)endpoint.Port));
        }

        return new CnatTranslation(new CnatEndpoint(vip, (ushort)service.Port), proto, backends);
    }

    internal static string ServiceKey(CnatTranslation translation) =>
        $"{translation.Vip.Address}:{translation.Vip.Port}/{translation.IpProto}";
}
