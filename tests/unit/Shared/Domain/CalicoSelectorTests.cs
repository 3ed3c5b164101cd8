using Multinet.Shared.Domain;

namespace Multinet.UnitTests.Shared.Domain;

public sealed class CalicoSelectorTests
{
    private static readonly Dictionary<string, string> s_labels = new()
    {
        ["demo"] = "demo",
        ["app"] = "MyApp",
        ["k8s-app/tier"] = "db-primary",
    };

    [Theory]
    [InlineData("demo == 'demo'", true)]
    [InlineData("demo == \"demo\"", true)]
    [InlineData("demo == 'other'", false)]
    [InlineData("demo != 'other'", true)]
    [InlineData("missing != 'x'", true)]
    [InlineData("missing == 'x'", false)]
    [InlineData("has(app)", true)]
    [InlineData("!has(app)", false)]
    [InlineData("!has(missing)", true)]
    [InlineData("app in {'MyApp', 'Other'}", true)]
    [InlineData("app in {}", false)]
    [InlineData("app not in {'MyApp'}", false)]
    [InlineData("missing not in {'MyApp'}", true)]
    [InlineData("all()", true)]
    [InlineData("", true)]
    [InlineData("  ", true)]
    [InlineData("demo == 'demo' && app == 'MyApp'", true)]
    [InlineData("demo == 'demo' && app == 'Nope'", false)]
    [InlineData("demo == 'x' || app == 'MyApp'", true)]
    [InlineData("demo == 'x' || app == 'y' && has(demo)", false)]
    [InlineData("(demo == 'x' || app == 'MyApp') && has(demo)", true)]
    [InlineData("!(demo == 'demo')", false)]
    [InlineData("k8s-app/tier starts with 'db-'", true)]
    [InlineData("k8s-app/tier ends with 'primary'", true)]
    [InlineData("k8s-app/tier contains 'x'", false)]
    [InlineData("hasher == 'x'", false)]
    public void Matches_Expression_EvaluatesAsCalicoDoes(string selector, bool expected)
    {
        Assert.True(CalicoSelector.TryParse(selector, out var parsed, out var error), error);

        Assert.Equal(expected, parsed!.Matches(s_labels));
    }

    [Theory]
    [InlineData("demo ==", "expected a quoted value")]
    [InlineData("demo == 'unterminated", "unterminated string")]
    [InlineData("demo = 'x'", "expected an operator")]
    [InlineData("has(demo", "expected \")\"")]
    [InlineData("(demo == 'x'", "expected \")\"")]
    [InlineData("demo == 'x' &&", "expected a label key")]
    [InlineData("demo == 'x' extra", "unexpected")]
    [InlineData("app in {'a' 'b'}", "expected \",\" or \"}\"")]
    [InlineData("all(", "expected \"all()\"")]
    public void TryParse_Invalid_FailsWithAPositionedMessageAndNeverThrows(string selector, string expected)
    {
        Assert.False(CalicoSelector.TryParse(selector, out var parsed, out var error));

        Assert.Null(parsed);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("at position", error, StringComparison.Ordinal);
        Assert.StartsWith($"selector \"{selector}\"", error, StringComparison.Ordinal);
    }
}
