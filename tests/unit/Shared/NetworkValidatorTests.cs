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

    [Theory]
    [InlineData(0, "0 is out of range: a VNI is from 1 to 16777215 (24 bits).")]
    [InlineData(-1, "-1 is out of range: a VNI is from 1 to 16777215 (24 bits).")]
    [InlineData(16_777_216, "16777216 is out of range: a VNI is from 1 to 16777215 (24 bits).")]
    [InlineData(4096, "4096 is reserved for the default pod network's VXLAN.")]
    public void Validate_UnusableVni_ReportsSpecVni(long vni, string message)
    {
        var result = NetworkValidator.Validate(V3Network.Create("blue", vni, "172.19.0.0/16"), s_none);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("spec.vni", message), (error.Field, error.Message));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16_777_215)]
    public void Validate_VniAtTheBounds_IsValid(long vni) =>
        Assert.True(NetworkValidator.Validate(V3Network.Create("blue", vni, "172.19.0.0/16"), s_none).IsValid);

    [Fact]
    public void Validate_MissingVni_IsRequired()
    {
        var error = Assert.Single(NetworkValidator.Validate(V3Network.Create("blue", null, "172.19.0.0/16"), s_none).Errors);

        Assert.Equal(("spec.vni", FieldReasons.Required), (error.Field, error.Reason));
    }

    [Fact]
    public void Validate_VniUsedByAnotherNetwork_NamesTheHolder()
    {
        var existing = new[] { V3Network.Create("blue", 56, "172.19.0.0/16") };

        var error = Assert.Single(NetworkValidator.Validate(V3Network.Create("green", 56, "10.9.0.0/16"), existing).Errors);

        Assert.Equal("spec.vni", error.Field);
        Assert.Equal(FieldReasons.Duplicate, error.Reason);
        Assert.Equal("56 is already used by Network \"blue\": each Network needs its own VNI.", error.Message);
    }

    [Fact]
    public void Validate_UpdateOfTheSameNetwork_DoesNotCollideWithItself()
    {
        var existing = new[] { V3Network.Create("blue", 56, "172.19.0.0/16") };

        Assert.True(NetworkValidator.Validate(V3Network.Create("blue", 56, "172.19.0.0/16"), existing).IsValid);
    }

    [Theory]
    [InlineData("172.19.0.0", "\"172.19.0.0\" is not a CIDR: the prefix length is missing (e.g. 172.19.0.0/16).")]
    [InlineData("172.19.0.300/16", "\"172.19.0.300/16\" is not a CIDR: \"172.19.0.300\" is not an IPv4 or IPv6 address.")]
    [InlineData("172.19.0.0/33", "\"172.19.0.0/33\" is not a CIDR: the prefix length must be a number from 0 to 32.")]
    [InlineData("fd00::/129", "\"fd00::/129\" is not a CIDR: the prefix length must be a number from 0 to 128.")]
    [InlineData("172.19.0.1/16", "\"172.19.0.1/16\" has host bits set: did you mean 172.19.0.0/16?")]
    [InlineData("", "Required value: a CIDR such as 172.19.0.0/16 or fd00:19::/64.")]
    public void Validate_BadRange_ReportsSpecRange(string range, string message)
    {
        var error = Assert.Single(NetworkValidator.Validate(V3Network.Create("blue", 56, range), s_none).Errors);

        Assert.Equal(("spec.range", message), (error.Field, error.Message));
    }

    [Fact]
    public void Validate_Ipv6Range_IsValid() =>
        Assert.True(NetworkValidator.Validate(V3Network.Create("blue6", 57, "fd00:19::/64"), s_none).IsValid);

    [Fact]
    public void Validate_OverlappingRange_IsAWarningNotAnError()
    {
        var existing = new[] { V3Network.Create("blue", 56, "172.19.0.0/16") };

        var result = NetworkValidator.Validate(V3Network.Create("red", 88, "172.19.128.0/17"), existing);

        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("spec.range", warning.Field);
        Assert.Contains("overlaps 172.19.0.0/16 of Network \"blue\"", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RangeOverlappingMany_IsOneWarningNamingTheFirstFew()
    {
        var existing = Enumerable.Range(1, 50).Select(i => V3Network.Create($"net-{i:D2}", i, "10.0.0.0/16")).ToArray();

        var result = NetworkValidator.Validate(V3Network.Create("wide", 99, "10.0.0.0/8"), existing);

        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith("10.0.0.0/8 overlaps 10.0.0.0/16 of Network \"net-01\", 10.0.0.0/16 of Network \"net-02\", 10.0.0.0/16 of Network \"net-03\" and 47 more:",
            warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Blue")]
    [InlineData("-blue")]
    [InlineData("blue_1")]
    [InlineData("blue.net")]
    public void Validate_NameNotADns1123Label_ReportsMetadataName(string name)
    {
        var error = Assert.Single(NetworkValidator.Validate(V3Network.Create(name, 56, "172.19.0.0/16"), s_none).Errors);

        Assert.Equal("metadata.name", error.Field);
        Assert.StartsWith("a lowercase RFC 1123 label", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NameLongerThan63_ReportsLength()
    {
        var error = Assert.Single(NetworkValidator.Validate(V3Network.Create(new string('a', 64), 56, "172.19.0.0/16"), s_none).Errors);

        Assert.Equal(("metadata.name", "must be no more than 63 characters (is 64)."), (error.Field, error.Message));
    }

    [Fact]
    public void Validate_SeveralBadFields_ReportsEachOnce()
    {
        var result = NetworkValidator.Validate(V3Network.Create("Bad_Name", 4096, "nope", "Uplink_1"), s_none);

        Assert.Equal(["metadata.name", "spec.vni", "spec.range", "spec.physicalNetworkName"], result.Errors.Select(e => e.Field));
    }
}
