using System.Collections.Immutable;

namespace Multinet.Shared.Domain;

/// <summary>
/// A parsed Calico label selector: <c>k == 'v'</c>, <c>k != 'v'</c>, <c>has(k)</c>, <c>!has(k)</c>,
/// <c>k in {'a','b'}</c>, <c>k not in {...}</c>, <c>k contains 'v'</c>, <c>k starts with 'v'</c>,
/// <c>k ends with 'v'</c>, <c>all()</c>, <c>!</c>, <c>&amp;&amp;</c>, <c>||</c> and parentheses. An empty selector
/// is <c>all()</c>, as for a Calico policy. Parsing never throws: <see cref="TryParse"/> says where it stopped.
/// </summary>
public sealed class CalicoSelector
{
    private readonly Node _root;

    private CalicoSelector(string text, Node root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The selector as written.</summary>
    public string Text { get; }

    public static bool TryParse(string? text, out CalicoSelector? selector, out string? error)
    {
        text ??= "";
        var parser = new CalicoSelectorParser(text);
        if (parser.TryParse(out var root, out error))
        {
            selector = new CalicoSelector(text, root!);
            return true;
        }

        selector = null;
        return false;
    }

    /// <summary>Whether a set of labels satisfies the selector.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return _root.Matches(labels);
    }

    public override string ToString() => Text;

    internal abstract record Node
    {
        public abstract bool Matches(IReadOnlyDictionary<string, string> labels);
    }

    internal sealed record All : Node
    {
        public override bool Matches(IReadOnlyDictionary<string, string> labels) => true;
    }

    internal sealed record Has(string Key) : Node
    {
        public override bool Matches(IReadOnlyDictionary<string, string> labels) => labels.ContainsKey(Key);
    }

    internal sealed record Not(Node Inner) : Node
    {
        public override bool Matches(IReadOnlyDictionary<string, string> labels) => !Inner.Matches(labels);
    }

    internal sealed record And(Node Left, Node Right) : Node
    {
        public override bool Matches(IReadOnlyDictionary<string, string> labels) => Left.Matches(labels) && Right.Matches(labels);
    }

    internal sealed record Or(Node Left, Node Right) : Node
    {
        public override bool Matches(IReadOnlyDictionary<string, string> labels) => Left.Matches(labels) || Right.Matches(labels);
    }

    /// <summary>A comparison of a label's value; a missing label matches only the negative forms (!=, not in), as in Calico.</summary>
    internal sealed record Compare(string Key, string Operator, ImmutableArray<string> Values) : Node
    {
        public override bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var present = labels.TryGetValue(Key, out var value);
            return Operator switch
            {
                "==" => present && value == Values[0],
                "!=" => !present || value != Values[0],
                "in" => present && Values.Contains(value!),
                "not in" => !present || !Values.Contains(value!),
                "contains" => present && value!.Contains(Values[0], StringComparison.Ordinal),
                "starts with" => present && value!.StartsWith(Values[0], StringComparison.Ordinal),
                "ends with" => present && value!.EndsWith(Values[0], StringComparison.Ordinal),
                _ => false,
            };
        }
    }
}
