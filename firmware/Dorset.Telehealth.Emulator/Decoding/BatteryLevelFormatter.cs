using System.Text.Json;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Battery;
using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>battery-level: level.</summary>
public sealed class BatteryLevelFormatter : ICharacteristicFormatter
{
    /// <inheritdoc/>
    public string Name => "battery-level";

    /// <inheritdoc/>
    public ushort? Uuid => GattUuids.BatteryLevel;

    /// <inheritdoc/>
    public bool TryFormat(byte[] value, Utf8JsonWriter json, out DecodeFailure? failure)
    {
        if (!BatteryLevelDecoder.TryDecode(value, 0, value.Length, out int percent, out failure))
        {
            return false;
        }

        json.WriteNumber("level", percent);
        return true;
    }
}
