using System.Collections.Generic;
using System.Linq;

namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>
/// Compares the readings the virtual devices produced with the Observations the cloud serves: matched, missing,
/// duplicate (each Observation beyond the first of one reading, counted by row) and out-of-order (a meter's records whose outbox order
/// disagrees with their record numbers).
/// </summary>
public sealed record DeliveryOracle(int Expected, int Matched, int Missing, int Duplicates, int Unexpected, int OutOfOrder, IReadOnlyList<string> Problems)
{
    public static DeliveryOracle Compare(IReadOnlyList<ExpectedReading> expected, IReadOnlyList<CloudObservation> observations)
    {
        var byIdentity = observations.GroupBy(o => (o.Unit, o.Address, o.Identity)).ToDictionary(g => g.Key, g => g.ToList());
        var problems = new List<string>();
        int matched = 0;
        foreach (ExpectedReading e in expected)
        {
            if (!byIdentity.TryGetValue((e.Unit, e.Address, e.Identity), out var found))
            {
                problems.Add($"missing {e.Unit} {e.Address} {e.Identity}");
                continue;
            }

            matched++;
            CloudObservation o = found[0];
            if (o.Patient != e.Patient)
            {
                problems.Add($"{e.Unit} {e.Identity}: patient {o.Patient}, expected {e.Patient}");
            }

            if (!o.Effective.StartsWith(e.DeviceTime, System.StringComparison.Ordinal))
            {
                problems.Add($"{e.Unit} {e.Identity}: effective {o.Effective}, expected device time {e.DeviceTime}");
            }

            if (e.Value != null && o.Value != e.Value)
            {
                problems.Add($"{e.Unit} {e.Identity}: value {o.Value} {o.ValueUnit}, expected {e.Value}");
            }

            if (o.Meal != e.Meal)
            {
                problems.Add($"{e.Unit} {e.Identity}: meal {o.Meal ?? "none"}, expected {e.Meal ?? "none"}");
            }

            string loinc = e.Kind switch { "glucose" => "15074-8", "weight" => "29463-7", "pulse-oximetry" => "2708-6", _ => "85354-9" };
            if (!o.LoincCodes.Contains(loinc))
            {
                problems.Add($"{e.Unit} {e.Identity}: LOINC {string.Join(",", o.LoincCodes)}, expected {loinc}");
            }
        }

        var expectedKeys = expected.Select(e => (e.Unit, e.Address, e.Identity)).ToHashSet();
        // By stored row, not by key: every Observation beyond the first under one reading is a duplicate, whether it came
        // under another outbox sequence or under the very same key.
        int duplicates = byIdentity.Values.Sum(list => list.Count - 1);
        int unexpected = byIdentity.Keys.Count(k => !expectedKeys.Contains(k));
        int outOfOrder = 0;
        foreach (var meter in observations.Where(o => o.Identity.StartsWith('s')).GroupBy(o => (o.Unit, o.Address)))
        {
            var ordered = meter.DistinctBy(o => o.Identity).OrderBy(o => int.Parse(o.Identity[1..])).Select(o => o.OutboxSequence).ToList();
            outOfOrder += ordered.Zip(ordered.Skip(1)).Count(p => p.Second < p.First);
        }

        return new DeliveryOracle(expected.Count, matched, expected.Count - matched, duplicates, unexpected, outOfOrder, problems);
    }

    public override string ToString() =>
        $"expected {Expected}, matched {Matched}, missing {Missing}, duplicate {Duplicates}, unexpected {Unexpected}, out of order {OutOfOrder}";
}
