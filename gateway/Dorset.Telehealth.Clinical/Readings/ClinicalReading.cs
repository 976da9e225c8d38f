using System;
using System.Collections.Generic;

namespace Dorset.Telehealth.Clinical.Readings;

/// <summary>
/// A stored reading as the rules see it: its key, values with units, flags, and when it was taken. The host works out
/// <see cref="TakenUtc"/> (device time in UK civil time, else the unit's receipt time, else the hub's) and the patient's
/// local calendar date, so that rules never read a clock or a time zone.
/// </summary>
/// <param name="Key">The reading's key in the cloud contract (cloud/README.md "The reading key").</param>
/// <param name="Kind">glucose, pulse-oximetry, weight or blood-pressure.</param>
/// <param name="Values">Its values.</param>
/// <param name="Flags">Its flags in the contract's words (control-solution, invalid, high, low, implausible, ...).</param>
/// <param name="TakenUtc">When it was measured.</param>
/// <param name="TakenLocalDate">The UK calendar date it was measured on.</param>
/// <param name="ReceivedUtc">When the hub received it.</param>
/// <param name="ClockSynchronised">Whether the unit's clock was synchronised when it received the reading.</param>
public sealed record ClinicalReading(
    string Key,
    string Kind,
    IReadOnlyList<MeasuredValue> Values,
    IReadOnlyList<string> Flags,
    DateTimeOffset TakenUtc,
    DateOnly TakenLocalDate,
    DateTimeOffset ReceivedUtc,
    bool ClockSynchronised)
{
    /// <summary>Glucose only: "preprandial", "postprandial" or "fasting" when the meter sent meal context; else null.</summary>
    public string? MealContext { get; init; }

    /// <summary>The first value named <paramref name="name"/> in <paramref name="unit"/>, or null.</summary>
    public MeasuredValue? Find(string name, string unit)
    {
        foreach (MeasuredValue value in Values)
        {
            if (value.Name == name && value.Unit == unit)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>True when the reading carries <paramref name="flag"/>.</summary>
    public bool Has(string flag)
    {
        foreach (string f in Flags)
        {
            if (f == flag)
            {
                return true;
            }
        }

        return false;
    }
}
