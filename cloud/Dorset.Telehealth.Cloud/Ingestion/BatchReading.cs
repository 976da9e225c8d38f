using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dorset.Telehealth.Cloud.Ingestion;

/// <summary>One measured quantity exactly as the gateway sent it (cloud/README.md "Values per kind").</summary>
/// <param name="Name">e.g. "glucose", "spo2", "systolic".</param>
/// <param name="Value">The exact decimal text; never passed through binary floating point.</param>
/// <param name="Unit">e.g. "mmol/L", "%", "mmHg".</param>
public sealed record ReadingQuantity(string Name, string Value, string Unit);

/// <summary>Where the effective time of a reading came from (cloud/README.md "Attribution"; issue 5 §3).</summary>
public enum EffectiveTimeSource
{
    /// <summary>The device's own clock, read as UK civil time; the unit clock was synchronised.</summary>
    Device,

    /// <summary>The unit's receipt time (synchronised clock, but the device sent no time).</summary>
    UnitReceipt,

    /// <summary>The gateway's receipt time, because the unit flagged its clock as unsynchronised or unknown.</summary>
    GatewayReceipt,
}

/// <summary>
/// A reading of a batch after validation: every field checked against the contract, so the store and the FHIR layer
/// can trust it.
/// </summary>
public sealed record BatchReading
{
    /// <summary>
    /// The flag of a weight from another user of the patient's shared scale (set by the gateway from the scale's user
    /// index): stored, but never attributed to the unit's patient (hazard H19).
    /// </summary>
    public const string OtherUserFlag = "other-user";

    /// <summary>The device sent a time that is no valid time: timed by receipt (the effective-time source says which).</summary>
    public const string ClockFaultFlag = "clock-fault";

    /// <summary>The canonical reading key (cloud/README.md "The reading key").</summary>
    public required string Key { get; init; }

    /// <summary>The home unit's id.</summary>
    public required string UnitId { get; init; }

    /// <summary>The unit's outbox sequence.</summary>
    public required long OutboxSequence { get; init; }

    /// <summary>The device's Bluetooth address, upper-case colon-separated hex.</summary>
    public required string DeviceAddress { get; init; }

    /// <summary>The paired-device slot.</summary>
    public required int DeviceSlot { get; init; }

    /// <summary>glucose-meter, pulse-oximeter, weight-scale or blood-pressure-monitor.</summary>
    public required string DeviceKind { get; init; }

    /// <summary>The device's record sequence, when it has one.</summary>
    public required long? DeviceSequence { get; init; }

    /// <summary>glucose, pulse-oximetry, weight or blood-pressure.</summary>
    public required string Kind { get; init; }

    /// <summary>The quantities in request order.</summary>
    public required IReadOnlyList<ReadingQuantity> Values { get; init; }

    /// <summary>Glucose sample type, when sent.</summary>
    public string? SampleType { get; init; }

    /// <summary>Glucose sample location, when sent.</summary>
    public string? SampleLocation { get; init; }

    /// <summary>Glucose only: what the meter said of the test's circumstances, when the gateway sent it.</summary>
    public ReadingGlucoseContext? Context { get; init; }

    /// <summary>The status flags in the contract's canonical order.</summary>
    public required IReadOnlyList<string> Flags { get; init; }

    /// <summary>The device's local civil time as sent (yyyy-MM-ddTHH:mm:ss), or null.</summary>
    public string? DeviceTime { get; init; }

    /// <summary>Unit receipt time (UTC), or null.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>Whether the unit clock was synchronised.</summary>
    public required bool ClockSynchronised { get; init; }

    /// <summary>Gateway commit time (UTC).</summary>
    public required DateTimeOffset GatewayReceivedAt { get; init; }

    /// <summary>Free text from the gateway.</summary>
    public string? GatewayNote { get; init; }

    /// <summary>
    /// The time that decides which patient's assignment covers the reading: the unit's receipt time only when its
    /// clock was synchronised, else the gateway's (cloud/README.md "Attribution").
    /// </summary>
    public DateTimeOffset AttributionTime => ClockSynchronised && ReceivedAt.HasValue ? ReceivedAt.Value : GatewayReceivedAt;

    /// <summary>True for readings the device or gateway marked as not a normal patient measurement.</summary>
    public bool HasFlag(string flag) => ((IList<string>)Flags).Contains(flag);

    /// <summary>
    /// The clinical time of the reading and where it came from. A device clock is only trusted when the unit that
    /// sets it was synchronised; otherwise the gateway's receipt time is used and the FHIR layer says so.
    /// </summary>
    public (DateTimeOffset Time, EffectiveTimeSource Source) Effective()
    {
        if (!ClockSynchronised || (DeviceTime == null && ReceivedAt == null))
        {
            return (GatewayReceivedAt, EffectiveTimeSource.GatewayReceipt);
        }

        if (DeviceTime != null)
        {
            return (UkCivilTime.ToOffset(DeviceTime), EffectiveTimeSource.Device);
        }

        return (ReceivedAt!.Value, EffectiveTimeSource.UnitReceipt);
    }

    /// <summary>
    /// A SHA-256 over every field except the gateway's own (id, commit time, note): two sends of the same reading
    /// hash equal; a different reading under the same key does not (reported as key-conflict).
    /// </summary>
    public string ContentHash()
    {
        // The fields are written into one pooled buffer and hashed in one call: an incremental hash per reading
        // created a native digest context each time, a twentieth of the ingestion service's time. The bytes, and
        // so the stored hashes, are those of every earlier version.
        var content = new HashInput(ArrayPool<byte>.Shared.Rent(1024));
        try
        {
            content.Field(Key);
            content.Field(UnitId);
            content.Field(OutboxSequence.ToString(CultureInfo.InvariantCulture));
            content.Field(DeviceAddress);
            content.Field(DeviceSlot.ToString(CultureInfo.InvariantCulture));
            content.Field(DeviceKind);
            content.Field(DeviceSequence?.ToString(CultureInfo.InvariantCulture));
            content.Field(Kind);
            foreach (ReadingQuantity q in Values)
            {
                content.Field(q.Name);
                content.Field(q.Value);
                content.Field(q.Unit);
            }

            content.Field("|");
            content.Field(SampleType);
            content.Field(SampleLocation);
            content.Field(string.Join(",", Flags));
            content.Field(DeviceTime);
            content.Field(ReceivedAt?.UtcTicks.ToString(CultureInfo.InvariantCulture));
            content.Field(ClockSynchronised ? "1" : "0");
            if (Context != null)
            {
                // Only when present, so a reading without context hashes as it did before context existed.
                HashContext(ref content, Context);
            }

            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(content.Written, digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            content.Return();
        }
    }

    private static void HashContext(ref HashInput content, ReadingGlucoseContext c)
    {
        content.Field("context");
        content.Field(c.Meal);
        content.Field(c.Tester);
        content.Field(c.Health);
        content.Field(c.Exercise?.DurationSeconds.ToString(CultureInfo.InvariantCulture));
        content.Field(c.Exercise?.IntensityPercent?.ToString(CultureInfo.InvariantCulture));
        foreach (ContextAmount? amount in new[] { c.Medication, c.Carbohydrate, c.HbA1c })
        {
            content.Field(amount?.Type);
            content.Field(amount?.Value);
            content.Field(amount?.Unit);
        }
    }

    /// <summary>The hashed form: each field's UTF-8 text then a unit separator, so ("ab","c") and ("a","bc") differ.</summary>
    private struct HashInput
    {
        private byte[] _buffer;
        private int _length;

        public HashInput(byte[] buffer)
        {
            _buffer = buffer;
            _length = 0;
        }

        public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        public void Field(string? value)
        {
            if (value == null)
            {
                Append("\u0000null\u001f"u8);
                return;
            }

            Reserve(Encoding.UTF8.GetMaxByteCount(value.Length) + 1);
            _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
            _buffer[_length++] = 0x1f;
        }

        public readonly void Return() => ArrayPool<byte>.Shared.Return(_buffer);

        private void Append(ReadOnlySpan<byte> bytes)
        {
            Reserve(bytes.Length);
            bytes.CopyTo(_buffer.AsSpan(_length));
            _length += bytes.Length;
        }

        private void Reserve(int count)
        {
            if (_length + count <= _buffer.Length)
            {
                return;
            }

            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }

    /// <summary>The canonical key for the given fields (cloud/README.md "The reading key").</summary>
    public static string KeyOf(string unitId, long outboxSequence, string deviceAddress, long? deviceSequence, string? deviceTime)
    {
        string device = deviceSequence.HasValue
            ? "s" + deviceSequence.Value.ToString(CultureInfo.InvariantCulture)
            : deviceTime != null ? "t" + deviceTime : "-";
        return string.Create(CultureInfo.InvariantCulture, $"{unitId}/{outboxSequence}/{deviceAddress}/{device}");
    }
}

/// <summary>UK civil time (Europe/London): devices keep local wall-clock time without an offset.</summary>
public static class UkCivilTime
{
    private static readonly TimeZoneInfo s_london = Load();

    /// <summary>The instant of a local London wall-clock time. In the autumn repeated hour the earlier (BST) instant is used.</summary>
    public static DateTimeOffset ToOffset(string localIso)
    {
        var local = DateTime.ParseExact(localIso, "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None);
        if (s_london.IsInvalidTime(local))
        {
            // The spring-forward gap (01:00-02:00 does not exist): a device that did not change its clock yet is on GMT.
            return new DateTimeOffset(local, TimeSpan.Zero);
        }

        TimeSpan offset = s_london.IsAmbiguousTime(local)
            ? MaxOffset(s_london.GetAmbiguousTimeOffsets(local))
            : s_london.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private static TimeSpan MaxOffset(TimeSpan[] offsets)
    {
        TimeSpan max = offsets[0];
        foreach (TimeSpan o in offsets)
        {
            if (o > max)
            {
                max = o;
            }
        }

        return max;
    }

    private static TimeZoneInfo Load()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            // Without tzdata, UK rules since 1996 (EU: last Sunday of March/October at 01:00 UTC) are built in.
            var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 1, 0, 0), 3, 5, DayOfWeek.Sunday);
            var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 10, 5, DayOfWeek.Sunday);
            var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
            return TimeZoneInfo.CreateCustomTimeZone("Europe/London", TimeSpan.Zero, "UK", "GMT", "BST", new[] { rule });
        }
    }
}
