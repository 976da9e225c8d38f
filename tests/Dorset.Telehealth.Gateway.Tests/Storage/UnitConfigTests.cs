using Dorset.Telehealth.Gateway.Storage;

namespace Dorset.Telehealth.Gateway.Tests.Storage;

public sealed class UnitConfigTests
{
    [Fact]
    public void WithDevice_SameSlotTwice_ReplacesAndKeepsSettings()
    {
        string config = """{"devices":[],"settings":{"fetchIntervalMinutes":15}}""";

        config = UnitConfig.WithDevice(config, new PairedDevice(0, "C0:26:DA:01:02:03", "glucose-meter", true));
        config = UnitConfig.WithDevice(config, new PairedDevice(1, "00:1B:DC:44:55:66", "weight-scale", false));
        config = UnitConfig.WithDevice(config, new PairedDevice(0, "C0:26:DA:0A:0B:0C", "glucose-meter", true));

        var devices = UnitConfig.Devices(config);
        Assert.Equal(2, devices.Count);
        Assert.Contains(new PairedDevice(0, "C0:26:DA:0A:0B:0C", "glucose-meter", true), devices);
        Assert.Contains("\"fetchIntervalMinutes\":15", config, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("C0:26:DA:01:02:03", true)]
    [InlineData("c0:26:da:01:02:03", false)]
    [InlineData("C0-26-DA-01-02-03", false)]
    [InlineData("C0:26:DA:01:02", false)]
    [InlineData(null, false)]
    public void IsValidAddress_OnlyCanonicalUpperCaseOctets(string? address, bool valid)
    {
        Assert.Equal(valid, UnitConfig.IsValidAddress(address));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"devices":"nope"}""")]
    [InlineData("""{"devices":[{"slot":"x"}]}""")]
    public void Devices_MalformedConfig_IsEmptyNotThrow(string config)
    {
        Assert.Empty(UnitConfig.Devices(config));
    }
}
