using Multinet.Shared.Crds;
using Multinet.Shared.Validation;

namespace Multinet.UnitTests.Shared;

public sealed class NetworkValidatorTests
{
    private static readonly V3Network[] s_none = [];

    [Fact]
    public void Validate_SeedBlueNetwork_IsValid()
    {
        var result = NetworkValidator.Validate(V3Network.Create("blue", 56, "172.19.0.0/16"), s_none);

        Assert.True(result.IsValid);
        Assert.Empty(result.Warnings);
    }
}
