using System.Globalization;
using System.Text.Json;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>
/// frame: an uplink frame (firmware/PROTOCOL.md) as its header and readings, each reading with its outbox sequence,
/// kind, slot, device sequence and time, receipt time, clock state, values with units, and status fields; in a v2 frame
/// also its device's address and address type and the glucose context (null when none).
/// </summary>
public sealed class UplinkFrameFormatter : ICharacteristicFormatter
{
    /// <inheritdoc/>
    public string Name => "frame";

    /// <inheritdoc/>
    public ushort? Uuid => null;

    /// <inheritdoc/>
    public bool TryFormat(byte[] value, Utf8JsonWriter json, out DecodeFailure? failure)
    {
        if (!UplinkFrameDecoder.TryDecode(value, 0, value.Length, out UplinkFrame frame, out failure))
        {
            return false;
        }

        json.WriteNumber("version", frame.Version);
        json.WriteNumber("firstSequence", frame.FirstSequence);
        json.WriteNumber("count", frame.Readings.Length);
        json.WriteStartArray("readings");
        for (int i = 0; i < frame.Readings.Length; i++)
        {
            WriteReading(json, frame.FirstSequence + (uint)i, frame.Readings[i], frame.Version == UplinkFrame.CurrentVersion);
        }

        json.WriteEndArray();
        return true;
    }

    private static void WriteReading(Utf8JsonWriter json, uint outboxSequence, UplinkReading r, bool v2)
    {
        json.WriteStartObject();
        json.WriteNumber("outboxSequence", outboxSequence);
        json.WriteString("kind", ReadingValueNames.KindName(r.Kind));
        json.WriteNumber("slot", r.Slot);
        if (v2)
        {
            json.WriteString("deviceAddress", r.DeviceAddress);
            json.WriteString("addressType", r.RandomAddress ? "random" : "public");
        }

        json.WriteOptionalNumber("deviceSequence", r.DeviceSequence != UplinkReading.NoSequence, r.DeviceSequence);
        json.WriteDeviceTime("deviceTime", r.DeviceTime);
        if (v2)
        {
            json.WriteBoolean("deviceTimeInvalid", r.DeviceTimeInvalid);
        }

        json.WriteString("receivedAt", r.ReceivedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteBoolean("clockSynchronised", r.ClockSynchronised);
        json.WriteStartArray("values");
        for (int i = 0; i < r.Values.Length; i++)
        {
            json.WriteStartObject();
            json.WriteString("name", ReadingValueNames.ValueName(r.Kind, i));
            json.WriteMedicalFloat("value", r.Values[i]);
            json.WriteString("unit", ReadingValueNames.Unit(r.Kind, i, r.AlternateUnit));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        bool glucose = r.Kind == ReadingKind.Glucose;
        json.WriteOptionalNumber("glucoseType", glucose, r.GlucoseType);
        json.WriteOptionalNumber("glucoseLocation", glucose, r.GlucoseLocation);
        json.WriteOptionalNumber("status", r.HasStatus, r.Status);
        json.WriteOptionalNumber("deviceStatus", r.HasStatus && r.Kind == ReadingKind.PulseOximetry, r.DeviceStatus);
        json.WriteOptionalNumber("userId", r.HasUserId, r.UserId);
        if (v2)
        {
            WriteContext(json, r.Context);
        }

        json.WriteEndObject();
    }

    private static void WriteContext(Utf8JsonWriter json, GlucoseContext? context)
    {
        if (context == null)
        {
            json.WriteNull("context");
            return;
        }

        json.WriteStartObject("context");
        GlucoseContextFormatter.WriteFields(json, context);
        json.WriteEndObject();
    }
}
