using System.Linq;
using Dorset.Telehealth.Cloud.Fhir;
using Dorset.Telehealth.Cloud.Ingestion;
using Dorset.Telehealth.Protocol.Contract;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>
/// The cloud shares only JSON with the hub, so it keeps its own copy of the contract's names; these hold that copy
/// equal to the one in Protocol, which the unit and the gateway use. A name that drifted would make the cloud refuse
/// (400) every reading that carries it.
/// </summary>
public sealed class ContractNamesTests
{
    [Fact]
    public void DeviceKindOfEachReadingKind_IsTheSameInTheCloud()
    {
        var protocol = Enumerable.Range(1, 4).Select(k => (ReadingValueNames.KindName((ReadingKind)k), DeviceKindNames.Of((ReadingKind)k)));

        Assert.Equal(protocol.OrderBy(p => p.Item1), BatchParser.DeviceKindOf.Select(p => (p.Key, p.Value)).OrderBy(p => p.Key));
        Assert.Equal(DeviceKindNames.All.Order(), FhirCodes.DeviceType.Keys.Order());
    }

    [Fact]
    public void Flags_AreTheSameInTheSameOrder()
    {
        Assert.Equal(ReadingFlagNames.All, BatchParser.KnownFlags);
        Assert.Equal(ReadingFlagNames.OtherUser, BatchReading.OtherUserFlag);
    }

    [Fact]
    public void GlucoseSampleTypesAndLocations_AreTheSame_AndEveryTypeHasItsMdcCode()
    {
        Assert.Equal(GlucoseSampleNames.Types, BatchParser.SampleTypes);
        Assert.Equal(GlucoseSampleNames.Locations, BatchParser.SampleLocations);
        Assert.Equal(GlucoseSampleNames.Types.Order(), FhirCodes.GlucoseMdc.Keys.Order());
    }

    [Fact]
    public void UnitIdRule_AcceptsExactlyTheSameIds()
    {
        string[] candidates = Enumerable.Range(0, 128).Select(c => "unit" + (char)c)
            .Concat(new[] { "", ".", "..", "u.1", new string('a', 64), new string('a', 65), "unit-0001", "UNIT_9" })
            .ToArray();

        foreach (string id in candidates)
        {
            Assert.True(UnitIds.IsValid(id) == ContractPatterns.UnitId().IsMatch(id), $"{System.Text.Json.JsonSerializer.Serialize(id)}: Protocol {UnitIds.IsValid(id)}, cloud {ContractPatterns.UnitId().IsMatch(id)}");
        }

        Assert.False(UnitIds.IsValid(".."));
    }

    [Fact]
    public void GlucoseContextWords_AreTheSame_AndEachHasItsMdcCode()
    {
        Assert.Equal(GlucoseContextNames.Meals, GlucoseContextVocabulary.Meals);
        Assert.Equal(GlucoseContextNames.Testers, GlucoseContextVocabulary.Testers);
        Assert.Equal(GlucoseContextNames.Healths, GlucoseContextVocabulary.Healths);
        Assert.Equal(GlucoseContextNames.Medications, GlucoseContextVocabulary.Medications);
        Assert.Equal(GlucoseContextNames.Carbohydrates, GlucoseContextVocabulary.Carbohydrates);
        Assert.Equal(GlucoseContextNames.Meals.Concat(GlucoseContextNames.Testers).Concat(GlucoseContextNames.Healths).Order(), GlucoseContextCodes.Values.Keys.Order());
        Assert.Equal(GlucoseContextNames.Medications.Concat(GlucoseContextNames.Carbohydrates).Order(), GlucoseContextCodes.Types.Keys.Order());
    }
}
