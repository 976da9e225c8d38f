using System.Text;
using Dorset.Telehealth.Gateway.Broker;

namespace Dorset.Telehealth.Gateway.Tests.Broker;

public sealed class UnitStatusParseTests
{
    [Theory]
    [InlineData("offline", false)]
    [InlineData("online", true)]
    [InlineData("""{"state":"offline"}""", false)]
    public void Parse_BirthAndLastWill_SetOnline(string payload, bool online)
    {
        Assert.Equal(online, UnitStatusHandler.Parse(Encoding.UTF8.GetBytes(payload))!.Online);
    }

    [Fact]
    public void Parse_PartialJson_LeavesAbsentFieldsNull()
    {
        var report = UnitStatusHandler.Parse(Encoding.UTF8.GetBytes("""{"battery":55}"""))!;

        Assert.Equal(55, report.BatteryPercent);
        Assert.Null(report.Online);
        Assert.Null(report.Firmware);
        Assert.Null(report.OutboxDepth);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("{not json")]
    public void Parse_Garbage_IsNull(string payload)
    {
        Assert.Null(UnitStatusHandler.Parse(Encoding.UTF8.GetBytes(payload)));
    }
}
