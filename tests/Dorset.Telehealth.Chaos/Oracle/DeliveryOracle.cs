using System;
using System.Collections.Generic;
using System.Linq;

namespace Dorset.Telehealth.Chaos.Oracle;

/// <summary>
/// Compares the readings the virtual devices produced with the Observations the cloud serves, in the model of Azure
/// IoT Edge's TestResultCoordinator: matched, missing, duplicate (each Observation beyond the first of one reading,
/// counted by stored row, under any outbox sequence or the very same key), unexpected (a reading no device produced),
/// mismatched (a matched reading whose patient, value, value unit, device time, meal or LOINC code differs) and out of
/// order (a device's readings whose outbox order disagrees with the order the device took them). A unit in
/// <c>untrustedClockUnits</c> ran for a while with its clock unset, so its readings may be timed by the gateway's
/// receipt, with the device's own time kept beside it; any other unit's must be timed by the device.
/// </summary>
public sealed record DeliveryOracle(int Expected, int Matched, int Missing, int Duplicates, int Unexpected, int Mismatched, int OutOfOrder, IReadOnlyList<string> Problems)
{
    /// <summary>Stored readings timed by the gateway's receipt because their unit's clock was unset (proof that fault took effect).</summary>
    public int TimedByGateway { get; init; }

    /// <summary>True when nothing was lost, doubled or altered.</summary>
    public bool Passed => Missing == 0 && Duplicates == 0 && Mismatched == 0;

    public static DeliveryOracle Compare(IReadOnlyList<ExpectedReading> expected, IReadOnlyList<CloudObservation> observations,
        IReadOnlySet<string>? untrustedClockUnits = null)
    {
        var byIdentity = observations.GroupBy(o => (o.Unit, o.Address, o.Identity)).ToDictionary(g => g.Key, g => g.ToList());
        var problems = new List<string>();
        int matched = 0, mismatched = 0;
        foreach (ExpectedReading e in expected)
        {
            if (!byIdentity.TryGetValue((e.Unit, e.Address, e.Identity), out var found))
            {
                problems.Add($"missing {e.Unit} {e.Address} {e.Identity}");
                continue;
            }

            matched++;
            var wrong = found.SelectMany(o => Differences(e, o, untrustedClockUnits?.Contains(e.Unit) == true)).Distinct().ToList();
            if (wrong.Count > 0)
            {
                mismatched++;
                problems.AddRange(wrong.Select(w => $"{e.Unit} {e.Identity}: {w}"));
            }
        }

        var expectedKeys = expected.Select(e => (e.Unit, e.Address, e.Identity)).ToHashSet();
        int duplicates = byIdentity.Values.Sum(list => list.Count - 1);
        var unexpectedKeys = byIdentity.Keys.Where(k => !expectedKeys.Contains(k)).ToList();
        problems.AddRange(unexpectedKeys.Select(k => $"unexpected {k.Unit} {k.Address} {k.Identity}"));
        return new DeliveryOracle(expected.Count, matched, expected.Count - matched, duplicates, unexpectedKeys.Count, mismatched,
            CountOutOfOrder(expected, observations), problems)
        {
            TimedByGateway = observations.Count(o => o.TimeSource == "gateway-receipt"),
        };
    }

    public override string ToString() =>
        $"expected {Expected}, matched {Matched}, missing {Missing}, duplicate {Duplicates}, unexpected {Unexpected}, mismatched {Mismatched}, out of order {OutOfOrder}"
        + (TimedByGateway > 0 ? $" (timed by the gateway, clock unset: {TimedByGateway})" : "");

    private static IEnumerable<string> Differences(ExpectedReading e, CloudObservation o, bool clockMayBeUntrusted)
    {
        if (o.Patient != e.Patient)
        {
            yield return $"patient {o.Patient}, expected {e.Patient}";
        }

        bool timedByDevice = o.TimeSource is null or "device" && o.Effective.StartsWith(e.DeviceTime, StringComparison.Ordinal);
        bool timedByGateway = clockMayBeUntrusted && o.TimeSource == "gateway-receipt" && o.ReportedDeviceTime == e.DeviceTime;
        if (!timedByDevice && !timedByGateway)
        {
            yield return $"effective {o.Effective} ({o.TimeSource ?? "no source"}, device time {o.ReportedDeviceTime ?? "none"}), expected device time {e.DeviceTime}";
        }

        if (e.Value != null && o.Value != e.Value)
        {
            yield return $"value {o.Value} {o.ValueUnit}, expected {e.Value}";
        }

        if (e.ValueUnit != null && o.ValueUnit != e.ValueUnit)
        {
            yield return $"unit {o.ValueUnit}, expected {e.ValueUnit}";
        }

        if (o.Meal != e.Meal)
        {
            yield return $"meal {o.Meal ?? "none"}, expected {e.Meal ?? "none"}";
        }

        string loinc = e.Kind switch { "glucose" => "15074-8", "weight" => "29463-7", "pulse-oximetry" => "2708-6", _ => "85354-9" };
        if (!o.LoincCodes.Contains(loinc))
        {
            yield return $"LOINC {string.Join(",", o.LoincCodes)}, expected {loinc}";
        }
    }

    // Per device of each unit: the outbox sequences of its stored readings, in the order the device took them (the
    // script's order), should only rise; each fall is one out-of-order pair.
    private static int CountOutOfOrder(IReadOnlyList<ExpectedReading> expected, IReadOnlyList<CloudObservation> observations)
    {
        var firstStored = observations.GroupBy(o => (o.Unit, o.Address, o.Identity)).ToDictionary(g => g.Key, g => g.Min(o => o.OutboxSequence));
        int count = 0;
        foreach (var device in expected.GroupBy(e => (e.Unit, e.Address)))
        {
            var sequences = device.Select(e => firstStored.TryGetValue((e.Unit, e.Address, e.Identity), out long s) ? s : (long?)null)
                .OfType<long>().ToList();
            count += sequences.Zip(sequences.Skip(1)).Count(p => p.Second < p.First);
        }

        return count;
    }
}
