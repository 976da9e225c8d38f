using System.Collections.Generic;
using System.Globalization;
using Dorset.Telehealth.Protocol.BloodPressure;
using Dorset.Telehealth.Protocol.Contract;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.PulseOximetry;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.Gateway.Ingest;

/// <summary>
/// Turns a decoded uplink reading into the gateway's stored form, in the cloud contract's words (cloud/README.md):
/// values in the contract's units (lb and kPa converted), device status bits as flags, glucose sample codes as names,
/// the meter's glucose context, and the device's address as the v2 frame carries it. A device time that was no valid
/// time is the "clock-fault" flag: the reading is then timed by its receipt.
/// A special value (NaN, NRes, INF), or a value beyond the contract's 9 integer digits, is never sent as a number: a
/// missing required value makes the reading an "error-record" with the values it does have.
/// </summary>
public static class UplinkReadingMapper
{
    private const decimal KilogramsPerPound = 0.45359237m;
    private const decimal MillimetresOfMercuryPerKilopascal = 760m / 101.325m;

    // Checked before converting, so that no conversion can overflow: every factor is below 10.
    private const decimal ContractLimit = 1_000_000_000m;

    /// <summary>The reading with outbox sequence <paramref name="outboxSequence"/>.</summary>
    public static IncomingReading Map(UplinkReading r, long outboxSequence)
    {
        var flags = new List<string>();
        var values = new List<ReadingValue>();
        bool missingRequired = false;
        for (int i = 0; i < r.Values.Length; i++)
        {
            string name = ReadingValueNames.ValueName(r.Kind, i);
            ReadingValue? value = Convert(name, r.Values[i], ReadingValueNames.Unit(r.Kind, i, r.AlternateUnit));
            if (value == null)
            {
                missingRequired |= IsRequired(r.Kind, i);
                continue;
            }

            values.Add(value);
        }

        if (missingRequired)
        {
            flags.Add(ReadingFlagNames.ErrorRecord);
        }

        AddStatusFlags(r, flags);
        if (r.DeviceTimeInvalid)
        {
            flags.Add(ReadingFlagNames.ClockFault);
        }

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
            GlucoseSampleType = glucose ? GlucoseSampleNames.Type(r.GlucoseType) : null,
            GlucoseSampleLocation = glucose ? GlucoseSampleNames.Location(r.GlucoseLocation) : null,
            ScaleUserId = r.Kind == ReadingKind.Weight && r.HasUserId ? r.UserId : null,
            DeviceAddress = r.DeviceAddress,
            GlucoseContext = glucose ? GlucoseContextMapper.Map(r.Context) : null,
        };
    }

    private static bool IsRequired(ReadingKind kind, int index) => kind switch
    {
        ReadingKind.PulseOximetry => index == 0,
        ReadingKind.BloodPressure => index < 2,
        _ => true,
    };

    // Null for what the contract cannot carry: a special value, or one beyond its 9 integer digits (no device measures
    // that; stored as such it would make the cloud refuse every batch holding it).
    private static ReadingValue? Convert(string name, MedicalFloat value, string unit)
    {
        if (!ContractDecimal.TryParse(value, out decimal exact) || decimal.Abs(exact) >= ContractLimit)
        {
            return null;
        }

        (decimal converted, string contractUnit) = unit switch
        {
            // Conversions are rounded to what the device could resolve: 1 g, 0.1 mmHg.
            "lb" => (decimal.Round(exact * KilogramsPerPound, 3), "kg"),
            "kPa" => (decimal.Round(exact * MillimetresOfMercuryPerKilopascal, 1), "mmHg"),
            _ => (exact, unit),
        };
        string? text = ContractDecimal.Text(converted);
        return text == null ? null : new ReadingValue(name, text, contractUnit);
    }

    private static void AddStatusFlags(UplinkReading r, List<string> flags)
    {
        switch (r.Kind)
        {
            case ReadingKind.Glucose:
                if (r.GlucoseType == GlucoseSampleTypes.ControlSolution || r.GlucoseLocation == GlucoseSampleTypes.LocationControlSolution)
                {
                    flags.Add(ReadingFlagNames.ControlSolution);
                }

                AddIf(flags, (r.Status & GlucoseSensorStatus.ResultTooHigh) != 0, ReadingFlagNames.High);
                AddIf(flags, (r.Status & GlucoseSensorStatus.ResultTooLow) != 0, ReadingFlagNames.Low);
                AddIf(flags, (r.Status & GlucoseSensorStatus.InvalidatingBits) != 0, ReadingFlagNames.Invalid);
                break;
            case ReadingKind.PulseOximetry:
                AddIf(flags, (r.Status & (PlxStatus.Invalid | PlxStatus.MeasurementUnavailable)) != 0, ReadingFlagNames.Invalid);
                AddIf(flags, (r.Status & PlxStatus.Questionable) != 0, ReadingFlagNames.Questionable);
                AddIf(flags, (r.Status & PlxStatus.DemonstrationData) != 0, ReadingFlagNames.Demo);
                AddIf(flags, (r.Status & (PlxStatus.TestingData | PlxStatus.CalibrationOngoing)) != 0, ReadingFlagNames.Testing);
                break;
            case ReadingKind.BloodPressure:
                // Body movement, cuff too loose, improper position (BLS 3.1.1.5): the value is doubtful.
                AddIf(flags, (r.Status & BloodPressureStatus.DoubtfulBits) != 0, ReadingFlagNames.Questionable);
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
