using System.Text;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Tests.Fakes;

namespace Dorset.Telehealth.Gateway.Tests.Broker;

/// <summary>Status values outside their ranges are stored as unknown and counted, not shown as sent.</summary>
public sealed class StatusRangeTests
{
    [Fact]
    public async Task Status_WithValuesOutOfRange_StoresThemAsUnknown_KeepsTheRest_AndCountsThem()
    {
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;

        await client.PublishAsync(MqttTopics.Status("unit-a"), Encoding.UTF8.GetBytes(
            """{"state":"online","firmware":"1.4.2","battery":-999,"rssi":99999,"outboxDepth":-5,"dropped":2,"clockSynced":true}"""), retain: true);

        var unit = host.Units.Find("unit-a")!;
        Assert.Null(unit.BatteryPercent);
        Assert.Null(unit.RssiDbm);
        Assert.Null(unit.OutboxDepth);
        Assert.Equal(2, unit.DroppedCount);
        Assert.Equal("1.4.2", unit.Firmware);
        string metrics = await host.Http.GetStringAsync("/metrics");
        Assert.Contains("dorset_gateway_status_values_refused_total 3\n", metrics, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"battery":101}""")]
    [InlineData("""{"rssi":1}""")]
    [InlineData("""{"rssi":-128}""")]
    [InlineData("""{"dropped":-1}""")]
    public void Parse_ValueOutOfRange_IsUnknown(string json)
    {
        var report = UnitStatusHandler.Parse(Encoding.UTF8.GetBytes(json))!;

        Assert.Null(report.BatteryPercent);
        Assert.Null(report.RssiDbm);
        Assert.Null(report.DroppedCount);
    }

    [Theory]
    [InlineData("""{"battery":0,"rssi":-127,"outboxDepth":0,"dropped":0}""")]
    [InlineData("""{"battery":100,"rssi":0,"outboxDepth":5000,"dropped":100000}""")]
    public void Parse_ValuesAtTheEdgesOfTheirRanges_AreKept(string json)
    {
        var report = UnitStatusHandler.Parse(Encoding.UTF8.GetBytes(json))!;

        Assert.NotNull(report.BatteryPercent);
        Assert.NotNull(report.RssiDbm);
        Assert.NotNull(report.OutboxDepth);
        Assert.NotNull(report.DroppedCount);
    }
}
