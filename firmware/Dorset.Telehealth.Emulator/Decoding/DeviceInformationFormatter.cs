using System.Text.Json;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.DeviceInformation;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>The Device Information strings (manufacturer-name, model-number, ...): text.</summary>
public sealed class DeviceInformationFormatter(string name, ushort uuid) : ICharacteristicFormatter
{
    /// <inheritdoc/>
    public string Name => name;

    /// <inheritdoc/>
    public ushort? Uuid => uuid;

    /// <inheritdoc/>
    public bool TryFormat(byte[] value, Utf8JsonWriter json, out DecodeFailure? failure)
    {
        if (!DeviceInformationString.TryDecode(value, 0, value.Length, out string text, out failure))
        {
            return false;
        }

        json.WriteString("text", text);
        return true;
    }
}
