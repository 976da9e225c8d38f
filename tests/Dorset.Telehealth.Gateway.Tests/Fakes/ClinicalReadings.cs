using System;
using System.Globalization;
using System.Threading;
using Dorset.Telehealth.Clinical.Readings;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>
/// Readings as the console's trend classes get them from the store. Keys are row ids, as stored readings have; local dates
/// come from the tz database, never from the code under test.
/// </summary>
public static class ClinicalReadings
{
    /// <summary>A plain Tuesday in winter (GMT), 09:00 UK time.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static readonly TimeZoneInfo s_london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static long s_id;

    public static ClinicalReading Make(string kind, DateTimeOffset takenUtc, params MeasuredValue[] values)
    {
        string key = Interlocked.Increment(ref s_id).ToString(CultureInfo.InvariantCulture);
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(takenUtc, s_london).DateTime);
        return new ClinicalReading(key, kind, values, Array.Empty<string>(), takenUtc, local, takenUtc + TimeSpan.FromSeconds(5), true);
    }

    public static ClinicalReading Glucose(string value, DateTimeOffset takenUtc, string unit = "mmol/L") =>
        Make(ReadingKinds.Glucose, takenUtc, new MeasuredValue(ReadingKinds.Glucose, Dec(value), unit));

    public static ClinicalReading Weight(string kg, DateTimeOffset takenUtc) =>
        Make(ReadingKinds.Weight, takenUtc, new MeasuredValue(ReadingKinds.Weight, Dec(kg), "kg"));

    public static ClinicalReading Oximetry(string spo2, string pulse, DateTimeOffset takenUtc) =>
        Make(ReadingKinds.PulseOximetry, takenUtc, new MeasuredValue(ReadingKinds.Spo2, Dec(spo2), "%"), new MeasuredValue(ReadingKinds.Pulse, Dec(pulse), "/min"));

    public static ClinicalReading Flagged(this ClinicalReading reading, params string[] flags) => reading with { Flags = flags };

    public static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
