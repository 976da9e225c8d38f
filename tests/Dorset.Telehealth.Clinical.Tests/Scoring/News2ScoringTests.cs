using Dorset.Telehealth.Clinical.Scoring;
using static Dorset.Telehealth.Clinical.Tests.Fakes.Readings;

namespace Dorset.Telehealth.Clinical.Tests.Scoring;

/// <summary>Each band edge of the RCP 2017 chart (clinical.md) and the value either side of it.</summary>
public sealed class News2ScoringTests
{
    [Theory]
    [InlineData("80", 3)]
    [InlineData("91", 3)]
    [InlineData("91.5", 2)]
    [InlineData("92", 2)]
    [InlineData("93", 2)]
    [InlineData("94", 1)]
    [InlineData("95", 1)]
    [InlineData("96", 0)]
    [InlineData("100", 0)]
    public void Spo2Scale1_BandEdges(string spo2, int expected) => Assert.Equal(expected, News2Scoring.Spo2Scale1(Dec(spo2)));

    [Theory]
    [InlineData("83", false, 3)]
    [InlineData("83", true, 3)]
    [InlineData("84", false, 2)]
    [InlineData("85", false, 2)]
    [InlineData("86", false, 1)]
    [InlineData("87", true, 1)]
    [InlineData("88", false, 0)]
    [InlineData("88", true, 0)]
    [InlineData("92", false, 0)]
    [InlineData("92", true, 0)]
    [InlineData("93", false, 0)]
    [InlineData("97", false, 0)]
    [InlineData("100", false, 0)]
    [InlineData("93", true, 1)]
    [InlineData("94", true, 1)]
    [InlineData("95", true, 2)]
    [InlineData("96", true, 2)]
    [InlineData("97", true, 3)]
    [InlineData("100", true, 3)]
    public void Spo2Scale2_BandEdgesOnAirAndOnOxygen(string spo2, bool onOxygen, int expected) =>
        Assert.Equal(expected, News2Scoring.Spo2Scale2(Dec(spo2), onOxygen));

    [Theory]
    [InlineData("30", 3)]
    [InlineData("40", 3)]
    [InlineData("41", 1)]
    [InlineData("50", 1)]
    [InlineData("51", 0)]
    [InlineData("90", 0)]
    [InlineData("91", 1)]
    [InlineData("110", 1)]
    [InlineData("111", 2)]
    [InlineData("130", 2)]
    [InlineData("131", 3)]
    [InlineData("180", 3)]
    public void Pulse_BandEdges(string pulse, int expected) => Assert.Equal(expected, News2Scoring.Pulse(Dec(pulse)));

    [Theory]
    [InlineData("70", 3)]
    [InlineData("90", 3)]
    [InlineData("91", 2)]
    [InlineData("100", 2)]
    [InlineData("101", 1)]
    [InlineData("110", 1)]
    [InlineData("111", 0)]
    [InlineData("219", 0)]
    [InlineData("220", 3)]
    [InlineData("250", 3)]
    public void Systolic_BandEdges(string systolic, int expected) => Assert.Equal(expected, News2Scoring.Systolic(Dec(systolic)));

    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 0)]
    public void Oxygen_AddsTwo(bool onOxygen, int expected) => Assert.Equal(expected, News2Scoring.Oxygen(onOxygen));
}
