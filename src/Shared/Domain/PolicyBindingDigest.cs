using System.Security.Cryptography;
using System.Text;

namespace Multinet.Shared.Domain;

/// <summary>
/// A short digest of what a policy binding enforces (its network, policies and rules in order). A driver that cannot read
/// the rules back from the dataplane stores it beside them (VPP: in the ACL's tag) and reports it after a restart as
/// <see cref="PolicyBindingSpec.ReadBackDigest"/>, so a binding whose content is unchanged is not bound again.
/// </summary>
public static class PolicyBindingDigest
{
    /// <summary>16 lower-case hex digits.</summary>
    public static string Of(PolicyBindingSpec binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var text = new StringBuilder().Append(binding.Network).Append('\n').AppendJoin(',', binding.Policies).Append('\n');
        foreach (var rule in binding.Rules)
        {
            text.Append(rule.Policy).Append('|').Append(rule.Direction).Append('|').Append(rule.Action).Append('|').Append(rule.Protocol ?? "-")
                .Append('|').AppendJoin(',', rule.Nets).Append('|').AppendJoin(',', rule.Ports).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
