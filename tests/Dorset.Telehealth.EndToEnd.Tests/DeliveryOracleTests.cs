using System;

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

    private static CloudObservation Stored(long outboxSequence) =>
        new(Weight.Unit, outboxSequence, Weight.Address, Weight.Identity, Weight.Patient, ["29463-7"], 82.4m, "kg",
            "2026-11-24T07:30:00+00:00", DateTimeOffset.UnixEpoch, null);
}
