using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using static Multinet.Shared.Domain.CalicoSelector;

namespace Multinet.Shared.Domain;

/// <summary>A recursive-descent parser for <see cref="CalicoSelector"/>: or := and ('||' and)*; and := unary ('&amp;&amp;' unary)*.</summary>
internal sealed class CalicoSelectorParser(string text)
{
    private int _pos;
    private string? _error;

    public bool TryParse([NotNullWhen(true)] out Node? root, out string? error)
    {
        SkipSpace();
        if (_pos == text.Length)
        {
            root = new All();
            error = null;
            return true;
        }

        root = ParseOr();
        SkipSpace();
        if (root is not null && _pos < text.Length)
        {
            Fail($"unexpected \"{text[_pos..]}\"");
            root = null;
        }

        error = root is null ? $"selector \"{text}\": {_error} at position {_pos + 1}." : null;
        return root is not null;
    }

    private Node? ParseOr()
    {
        var left = ParseAnd();
        while (left is not null && Take("||"))
        {
            var right = ParseAnd();
            left = right is null ? null : new Or(left, right);
        }

        return left;
    }

    private Node? ParseAnd()
    {
        var left = ParseUnary();
        while (left is not null && Take("&&"))
        {
            var right = ParseUnary();
            left = right is null ? null : new And(left, right);
        }

        return left;
    }

    private Node? ParseUnary()
    {
        if (Take("!"))
        {
            var inner = ParseUnary();
            return inner is null ? null : new Not(inner);
        }

        if (Take("("))
        {
            var inner = ParseOr();
            return inner is null ? null : Take(")") ? inner : Fail("expected \")\"");
        }

        if (TakeWord("all"))
        {
            return Take("(") && Take(")") ? new All() : Fail("expected \"all()\"");
        }

        if (TakeWord("has"))
        {
            if (!Take("("))
            {
                return Fail("expected \"(\" after has");
            }

            var key = ReadKey();
            return key is null ? null : Take(")") ? new Has(key) : Fail("expected \")\"");
        }

        return ParseComparison();
    }

    private Node? ParseComparison()
    {
        var key = ReadKey();
        if (key is null)
        {
            return null;
        }

        foreach (var op in (string[])["==", "!="])
        {
            if (Take(op))
            {
                var value = ReadString();
                return value is null ? null : new Compare(key, op, [value]);
            }
        }

        if (TakeWord("not"))
        {
            return TakeWord("in") ? ParseSet(key, "not in") : Fail("expected \"in\" after not");
        }

        if (TakeWord("in"))
        {
            return ParseSet(key, "in");
        }

        foreach (var (first, second) in (ReadOnlySpan<(string, string?)>)[("contains", null), ("starts", "with"), ("ends", "with")])
        {
            if (TakeWord(first))
            {
                if (second is not null && !TakeWord(second))
                {
                    return Fail($"expected \"{second}\" after {first}");
                }

                var value = ReadString();
                return value is null ? null : new Compare(key, second is null ? first : $"{first} {second}", [value]);
            }
        }

        return Fail($"expected an operator (==, !=, in, not in, contains, starts with, ends with) after \"{key}\"");
    }

    private Compare? ParseSet(string key, string op)
    {
        if (!Take("{"))
        {
            return Fail("expected \"{\"");
        }

        var values = ImmutableArray.CreateBuilder<string>();
        if (!Take("}"))
        {
            do
            {
                var value = ReadString();
                if (value is null)
                {
                    return null;
                }

                values.Add(value);
            }
            while (Take(","));

            if (!Take("}"))
            {
                return Fail("expected \",\" or \"}\"");
            }
        }

        return new Compare(key, op, values.ToImmutable());
    }

    private string? ReadKey()
    {
        SkipSpace();
        var start = _pos;
        while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] is '_' or '-' or '.' or '/'))
        {
            _pos++;
        }

        return _pos > start ? text[start.._pos] : Fail<string>("expected a label key");
    }

    private string? ReadString()
    {
        SkipSpace();
        if (_pos >= text.Length || text[_pos] is not ('\'' or '"'))
        {
            return Fail<string>("expected a quoted value");
        }

        var quote = text[_pos];
        var end = text.IndexOf(quote, _pos + 1);
        if (end < 0)
        {
            return Fail<string>("unterminated string");
        }

        var value = text[(_pos + 1)..end];
        _pos = end + 1;
        return value;
    }

    private bool Take(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(text, _pos, token, 0, token.Length) == 0)
        {
            _pos += token.Length;
            return true;
        }

        return false;
    }

    /// <summary>Takes a keyword only when it is not the start of a longer key (so "hasher == 'x'" is a comparison).</summary>
    private bool TakeWord(string word)
    {
        SkipSpace();
        var end = _pos + word.Length;
        if (string.CompareOrdinal(text, _pos, word, 0, word.Length) == 0
            && (end == text.Length || !(char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '-' or '.' or '/')))
        {
            _pos = end;
            return true;
        }

        return false;
    }

    private void SkipSpace()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
        {
            _pos++;
        }
    }

    private Compare? Fail(string message) => Fail<Compare>(message);

    private T? Fail<T>(string message)
        where T : class
    {
        _error ??= message;
        return null;
    }
}
