using System;
using Dorset.Telehealth.Chaos.Oracle;

namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>The oracle counts what the cloud holds by row: a second row is a duplicate under any key.</summary>
public sealed class DeliveryOracleTests
{
    private static readonly ExpectedReading Weight = new("unit-0001", "C0:00:00:00:00:02", "t2026-11-24T07:30:00", "weight", "9990000018", "2026-11-24T07:30:00", 82.4m);

    [Fact]
    public void TwoRowsUnderTheSameReadingKey_AreOneMatchAndOneDuplicate()
    {
        CloudObservation row = Stored(outboxSequence: 7);

        DeliveryOracle oracle = DeliveryOracle.Compare([Weight], [row, row]);

        Assert.Equal((1, 0, 1), (oracle.Matched, oracle.Missing, oracle.Duplicates));
    }

    [Fact]
    public void OneReadingUnderTwoOutboxSequences_IsADuplicate()
    {
        DeliveryOracle oracle = DeliveryOracle.Compare([Weight], [Stored(7), Stored(8)]);

        Assert.Equal((1, 1), (oracle.Matched, oracle.Duplicates));
    }

    [Fact]
    public void OneRowPerReading_HasNoDuplicate()
    {
        DeliveryOracle oracle = DeliveryOracle.Compare([Weight], [Stored(7)]);

        Assert.Equal((1, 0, 0), (oracle.Matched, oracle.Duplicates, oracle.Problems.Count));
    }

    [Fact]
    public void AReadingTimedByTheGateway_IsAMismatch_UnlessItsUnitRanWithItsClockUnset()
    {
        CloudObservation untrusted = Stored(7) with { Effective = "2026-12-02T15:00:00+00:00", TimeSource = "gateway-receipt", ReportedDeviceTime = Weight.DeviceTime };

        DeliveryOracle trusted = DeliveryOracle.Compare([Weight], [untrusted]);
        DeliveryOracle unset = DeliveryOracle.Compare([Weight], [untrusted], new System.Collections.Generic.HashSet<string> { Weight.Unit });

        Assert.Equal((1, false), (trusted.Mismatched, trusted.Passed));
        Assert.Equal((0, true), (unset.Mismatched, unset.Passed));
    }

    [Fact]
    public void AValueInAnotherUnit_IsAMismatch()
    {
        ExpectedReading inKilograms = Weight with { ValueUnit = "kg" };

        DeliveryOracle oracle = DeliveryOracle.Compare([inKilograms], [Stored(7) with { ValueUnit = "[lb_av]" }]);

        Assert.Equal((1, 1), (oracle.Matched, oracle.Mismatched));
    }

    private static CloudObservation Stored(long outboxSequence) =>
        new(Weight.Unit, outboxSequence, Weight.Address, Weight.Identity, Weight.Patient, ["29463-7"], 82.4m, "kg",
            "2026-11-24T07:30:00+00:00", DateTimeOffset.UnixEpoch, null);
}
