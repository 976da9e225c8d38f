using System.Text.Json;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>current-time: time, dayOfWeek, fractions256, adjustReason.</summary>
public sealed class CurrentTimeFormatter : ICharacteristicFormatter
{
    /// <inheritdoc/>
    public string Name => "current-time";

    /// <inheritdoc/>
    public ushort? Uuid => GattUuids.CurrentTime;

    /// <inheritdoc/>
    public bool TryFormat(byte[] value, Utf8JsonWriter json, out DecodeFailure? failure)
    {
        if (!CurrentTimeDecoder.TryDecode(value, 0, value.Length, out CurrentTime current, out failure))
        {
            return false;
        }

        json.WriteDeviceTime("time", current.Time);
        json.WriteNumber("dayOfWeek", current.DayOfWeek);
        json.WriteNumber("fractions256", current.Fractions256);
        json.WriteNumber("adjustReason", (int)current.AdjustReason);
        return true;
    }
}
