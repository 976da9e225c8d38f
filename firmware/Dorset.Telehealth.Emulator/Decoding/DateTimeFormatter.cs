using System.Text.Json;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>date-time: time.</summary>
public sealed class DateTimeFormatter : ICharacteristicFormatter
{
    /// <inheritdoc/>
    public string Name => "date-time";

    /// <inheritdoc/>
    public ushort? Uuid => GattUuids.DateTime;

    /// <inheritdoc/>
    public bool TryFormat(byte[] value, Utf8JsonWriter json, out DecodeFailure? failure)
    {
        if (!DateTimeDecoder.TryDecode(value, 0, value.Length, out DeviceTime time, out failure))
        {
            return false;
        }

        json.WriteDeviceTime("time", time);
        return true;
    }
}
