using System.Globalization;
using System.Text.RegularExpressions;

namespace Multinet.KubeApi.Schema;

/// <summary>
/// The CEL x-kubernetes-validations the embedded API evaluates: comparisons of <c>self</c> with an integer literal
/// (<c>self != 4096</c>, <c>self &gt;= 1</c>, ...). A rule of another form is refused when the CRD is loaded, so a CRD
/// can never carry a rule that a real cluster enforces and the embedded API silently skips.
/// </summary>
internal sealed partial class CelRule
{
    private readonly string _operator;
    private readonly decimal _operand;

    private CelRule(string text, string message, string @operator, decimal operand)
    {
        Text = text;
        Message = message;
        _operator = @operator;
        _operand = operand;
    }

    public string Text { get; }

    public string Message { get; }

    /// <summary>Parses a rule; throws when the embedded API cannot evaluate it.</summary>
    public static CelRule Parse(string text, string? message, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Comparison().Match(text.Trim());
        if (!match.Success)
        {
            throw new InvalidOperationException(
                $"{where}: the embedded API cannot evaluate the CEL rule \"{text}\" (it evaluates self compared with an integer literal).");
        }

        return new CelRule(text, message is { Length: > 0 } ? message : $"failed rule: {text}", match.Groups["op"].Value,
            decimal.Parse(match.Groups["value"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
    }

    /// <summary>True when <paramref name="self"/> satisfies the rule.</summary>
    public bool Holds(decimal self) => _operator switch
    {
        "==" => self == _operand,
        "!=" => self != _operand,
        "<" => self < _operand,
        "<=" => self <= _operand,
        ">" => self > _operand,
        ">=" => self >= _operand,
        _ => throw new InvalidOperationException($"Unknown operator {_operator}."),
    };

    [GeneratedRegex(@"^self\s*(?<op>==|!=|<=|>=|<|>)\s*(?<value>-?[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Comparison();
}
