using Dorset.Telehealth.HomeUnit.Config;
using Dorset.Telehealth.HomeUnit.Devices;

namespace Dorset.Telehealth.HomeUnit.Tests.Config;

public sealed class UnitConfigTests
{
    private const string Valid = """
        {"unitId":"unit-0042","mqtt":{"host":"hub.local","port":8883,"tls":true,"caFile":"hub-ca.pem","username":"unit-0042","password":"0123456789abcdef0123"},
         "sntpServer":"hub.local","wifi":{"ssid":"Home","password":"pw"}}
        """;

    [Fact]
    public void Parse_GatewayBundleWithWifi_GivesEveryField()
    {
        Assert.True(UnitConfig.TryParse(Valid, out UnitConfig config, out string error), error);

        Assert.Equal(("unit-0042", "hub.local", 8883, true, "hub-ca.pem"), (config.UnitId, config.Host, config.Port, config.Tls, config.CaFile));
        Assert.Equal(("Home", "pw", "hub.local"), (config.WifiSsid, config.WifiPassword, config.SntpServer));
    }

    [Theory]
    [InlineData("\"unit-0042\"", "\"unit 42\"", "unit-config.json: unitId must be 1..64 characters of A-Z a-z 0-9 _ -")]
    [InlineData("8883", "70000", "unit-config.json: mqtt.port must be 1..65535")]
    [InlineData("\"0123456789abcdef0123\"", "\"short\"", "unit-config.json: mqtt.password is missing or shorter than 16 characters")]
    [InlineData("\"caFile\":\"hub-ca.pem\",", "", "unit-config.json: mqtt.caFile is required with TLS")]
    [InlineData("{\"unitId\"", "[\"unitId\"", "unit-config.json: expected ',' or ']' at offset 9")]
    public void Parse_Invalid_NamesTheProblem(string replace, string with, string error)
    {
        Assert.False(UnitConfig.TryParse(Valid.Replace(replace, with), out UnitConfig config, out string reason));
        Assert.Null(config);
        Assert.Equal(error, reason);
    }

    [Fact]
    public void PairedDevices_FromTheGatewaysRetainedConfig()
    {
        Assert.True(PairedDeviceList.TryParse(
            """{"devices":[{"slot":0,"address":"C0:26:DA:01:02:03","kind":"glucose-meter","needsBond":true},{"slot":2,"address":"D4:36:39:AA:BB:CC","kind":"weight-scale"}],"settings":{}}""",
            out PairedDevice[] devices, out string error), error);

        Assert.Equal(2, devices.Length);
        Assert.Equal((0, DeviceKind.GlucoseMeter, true), (devices[0].Slot, devices[0].Kind, devices[0].NeedsBond));
        Assert.Equal((2, DeviceKind.WeightScale, false), (devices[1].Slot, devices[1].Kind, devices[1].NeedsBond));
    }

    [Theory]
    [InlineData("""{"devices":[{"slot":16,"address":"C0:26:DA:01:02:03","kind":"glucose-meter"}]}""")]
    [InlineData("""{"devices":[{"slot":1,"address":"C0:26","kind":"glucose-meter"}]}""")]
    [InlineData("""{"devices":[{"slot":1,"address":"C0:26:DA:01:02:03","kind":"toaster"}]}""")]
    [InlineData("""{"settings":{}}""")]
    public void PairedDevices_BadEntry_RefusesTheWholeDocument(string json)
    {
        Assert.False(PairedDeviceList.TryParse(json, out PairedDevice[] devices, out string error));
        Assert.Null(devices);
        Assert.StartsWith("config: ", error);
    }
}
