using System.Collections.Generic;
using System.Globalization;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.PulseOximetry;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.Gateway.Ingest;

/// <summary>
/// Turns a decoded uplink reading into the gateway's stored form, in the cloud contract's words (cloud/README.md):
/// values in the contract's units (lb and kPa converted), device status bits as flags, glucose sample codes as names.
/// A special value (NaN, NRes, INF) is never sent as a number: a missing required value makes the reading an
/// "error-record" with the values it does have.
/// </summary>
public static class UplinkReadingMapper
{
    private const decimal KilogramsPerPound = 0.45359237m;
    private const decimal MillimetresOfMercuryPerKilopascal = 760m / 101.325m;

    private static readonly string?[] SampleTypes =
    [
        null, "capillary-whole-blood", "capillary-plasma", "venous-whole-blood", "venous-plasma", "arterial-whole-blood",
        "arterial-plasma", "undetermined-whole-blood", "undetermined-plasma", "interstitial-fluid", "control-solution",
    ];

    /// <summary>The reading with outbox sequence <paramref name="outboxSequence"/>.</summary>
    public static IncomingReading Map(UplinkReading r, long outboxSequence)
    {
        var flags = new List<string>();
        var values = new List<ReadingValue>();
        bool missingRequired = false;
        for (int i = 0; i < r.Values.Length; i++)
        {
            string name = ReadingValueNames.ValueName(r.Kind, i);
            if (!r.Values[i].IsNumber)
            {
                missingRequired |= IsRequired(r.Kind, i);
                continue;
            }

            values.Add(Convert(name, r.Values[i], ReadingValueNames.Unit(r.Kind, i, r.AlternateUnit)));
        }

        if (missingRequired)
        {
            flags.Add("error-record");
        }

        AddStatusFlags(r, flags);
        string kind = ReadingValueNames.KindName(r.Kind);
        bool glucose = r.Kind == ReadingKind.Glucose;
        return new IncomingReading(
            outboxSequence,
            r.Slot,
            r.DeviceSequence == UplinkReading.NoSequence ? null : r.DeviceSequence,
            kind,
            values,
            flags,
            r.Status,
            r.DeviceTime?.ToIsoString(),
            r.ClockSynchronised ? r.ReceivedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : null,
            r.ClockSynchronised)
        {
            GlucoseSampleType = glucose && r.GlucoseType < SampleTypes.Length ? SampleTypes[r.GlucoseType] : null,
            GlucoseSampleLocation = glucose ? SampleLocation(r.GlucoseLocation) : null,
            ScaleUserId = r.Kind == ReadingKind.Weight && r.HasUserId ? r.UserId : null,
        };
    }

    private static bool IsRequired(ReadingKind kind, int index) => kind switch
    {
        ReadingKind.PulseOximetry => index == 0,
        ReadingKind.BloodPressure => index < 2,
        _ => true,
    };

    private static ReadingValue Convert(string name, MedicalFloat value, string unit)
    {
        decimal exact = decimal.Parse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        return unit switch
        {
            // Conversions are rounded to what the device could resolve: 1 g, 0.1 mmHg.
            "lb" => new ReadingValue(name, Text(decimal.Round(exact * KilogramsPerPound, 3)), "kg"),
            "kPa" => new ReadingValue(name, Text(decimal.Round(exact * MillimetresOfMercuryPerKilopascal, 1)), "mmHg"),
            _ => new ReadingValue(name, Text(exact), unit),
        };
    }

    private static string Text(decimal value) => value.ToString("0.#########", CultureInfo.InvariantCulture);

    private static string? SampleLocation(int code) => code switch
    {
        1 => "finger",
        2 => "alternate-site",
        3 => "earlobe",
        4 => "control-solution",
        15 => "not-available",
        _ => null,
    };

    private static void AddStatusFlags(UplinkReading r, List<string> flags)
    {
        switch (r.Kind)
        {
            case ReadingKind.Glucose:
                if (r.GlucoseType == GlucoseSampleTypes.ControlSolution || r.GlucoseLocation == GlucoseSampleTypes.LocationControlSolution)
                {
                    flags.Add("control-solution");
                }

                AddIf(flags, (r.Status & GlucoseSensorStatus.ResultTooHigh) != 0, "high");
                AddIf(flags, (r.Status & GlucoseSensorStatus.ResultTooLow) != 0, "low");
                AddIf(flags, (r.Status & GlucoseSensorStatus.InvalidatingBits) != 0, "invalid");
                break;
            case ReadingKind.PulseOximetry:
                AddIf(flags, (r.Status & ((1 << 15) | (1 << 13))) != 0, "invalid");
                AddIf(flags, (r.Status & (1 << 14)) != 0, "questionable");
                AddIf(flags, (r.Status & (1 << 10)) != 0, "demo");
                AddIf(flags, (r.Status & ((1 << 11) | (1 << 12))) != 0, "testing");
                break;
            case ReadingKind.BloodPressure:
                // Body movement, cuff too loose, improper position (BLS 3.1.1.5): the value is doubtful.
                AddIf(flags, (r.Status & 0b10_0011) != 0, "questionable");
                break;
        }
    }

    private static void AddIf(List<string> flags, bool condition, string flag)
    {
        if (condition && !flags.Contains(flag))
        {
            flags.Add(flag);
        }
    }
}
