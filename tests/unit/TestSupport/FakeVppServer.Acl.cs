using Multinet.Agent.Dataplane.Vpp;
using Multinet.Agent.Dataplane.Vpp.Messages;

namespace Multinet.UnitTests.TestSupport;

internal sealed partial class FakeVppServer
{
    /// <summary>ACLs VPP holds: index → (tag, rules).</summary>
    public IReadOnlyDictionary<uint, (string Tag, IReadOnlyList<AclRule> Rules)> Acls
    {
        get
        {
            lock (_model)
            {
                return new Dictionary<uint, (string, IReadOnlyList<AclRule>)>(_model.Acls);
            }
        }
    }

    /// <summary>Per interface, the ACLs applied to what it receives (input) and what VPP sends out of it (output).</summary>
    public IReadOnlyDictionary<uint, (IReadOnlyList<uint> Input, IReadOnlyList<uint> Output)> AclBindings
    {
        get
        {
            lock (_model)
            {
                return new Dictionary<uint, (IReadOnlyList<uint>, IReadOnlyList<uint>)>(_model.AclBindings);
            }
        }
    }

    /// <summary>
    /// The ACL plugin as src/plugins/acl/acl.c answers: acl_add_replace creates (~0) or replaces an existing index (an unknown
    /// one -6); acl_del refuses an ACL in use (-142 inbound, -143 outbound) or unknown (-6); acl_interface_set_acl_list
    /// refuses an unknown interface (-2) or ACL (-6); acl_interface_list_dump answers for every interface.
    /// </summary>
    internal sealed partial class FakeVppModel
    {
        private uint _nextAcl;

        public Dictionary<uint, (string Tag, IReadOnlyList<AclRule> Rules)> Acls { get; } = [];

        public Dictionary<uint, (IReadOnlyList<uint> Input, IReadOnlyList<uint> Output)> AclBindings { get; } = [];

        private List<(string Name, Dictionary<string, object?> Fields)>? AnswerAcl(VppMessage request,
            Func<int, string?, object?, List<(string Name, Dictionary<string, object?> Fields)>> reply,
            Func<IEnumerable<Dictionary<string, object?>>, List<(string Name, Dictionary<string, object?> Fields)>> details)
        {
            var context = request.Context;
            switch (request.Name)
            {
                case "acl_add_replace":
                {
                    var index = request.Get<uint>("acl_index");
                    var rules = request.Get<object?[]>("r").Cast<IReadOnlyDictionary<string, object?>>().Select(AclRule.From).ToList();
                    if (index != Any && !Acls.ContainsKey(index))
                    {
                        return reply(-6, "acl_index", Any);
                    }

                    index = index == Any ? _nextAcl++ : index;
                    Acls[index] = (request.Get<string>("tag"), rules);
                    return reply(0, "acl_index", index);
                }

                case "acl_del":
                {
                    var index = request.Get<uint>("acl_index");
                    if (!Acls.ContainsKey(index))
                    {
                        return reply(-6, null, null);
                    }

                    if (AclBindings.Values.Any(b => b.Input.Contains(index)))
                    {
                        return reply(-142, null, null);
                    }

                    if (AclBindings.Values.Any(b => b.Output.Contains(index)))
                    {
                        return reply(-143, null, null);
                    }

                    Acls.Remove(index);
                    return reply(0, null, null);
                }

                case "acl_interface_set_acl_list":
                {
                    var swIfIndex = request.Get<uint>("sw_if_index");
                    if (!_interfaces.ContainsKey(swIfIndex))
                    {
                        return reply(-2, null, null);
                    }

                    var acls = request.Get<object?[]>("acls").Cast<uint>().ToList();
                    if (acls.Any(a => !Acls.ContainsKey(a)))
                    {
                        return reply(-6, null, null);
                    }

                    var nInput = request.Get<byte>("n_input");
                    AclBindings[swIfIndex] = (acls.Take(nInput).ToList(), acls.Skip(nInput).ToList());
                    return reply(0, null, null);
                }

                case "acl_dump":
                {
                    var only = request.Get<uint>("acl_index");
                    return details(Acls.Where(a => only == Any || a.Key == only).Select(a => new Dictionary<string, object?>
                    {
                        ["context"] = context,
                        ["acl_index"] = a.Key,
                        ["tag"] = a.Value.Tag,
                        ["r"] = a.Value.Rules.Select(r => (object?)r.ToFields()).ToArray(),
                    }));
                }

                case "acl_interface_list_dump":
                {
                    var only = request.Get<uint>("sw_if_index");
                    return details(_interfaces.Keys.Where(i => only == Any || i == only).Select(i =>
                    {
                        var (input, output) = AclBindings.GetValueOrDefault(i, ([], []));
                        return new Dictionary<string, object?>
                        {
                            ["context"] = context,
                            ["sw_if_index"] = i,
                            ["n_input"] = (byte)input.Count,
                            ["acls"] = input.Concat(output).Select(a => (object?)a).ToArray(),
                        };
                    }));
                }

                default:
                    return null;
            }
        }
    }
}
