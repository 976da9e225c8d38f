using System.Text.Json;
using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>
/// Decodes one kind of value (a GATT characteristic, or the uplink frame) with the Protocol library and writes it as
/// the properties of a JSON object, in the contract of the `decode` verb (camelCase; absent optional fields null).
/// </summary>
public interface ICharacteristicFormatter
{
    /// <summary>The name used on the command line, e.g. "glucose-measurement".</summary>
    string Name { get; }

    /// <summary>The 16-bit characteristic UUID, or null for values that are not characteristics (the uplink frame).</summary>
    ushort? Uuid { get; }

    /// <summary>
    /// Decodes <paramref name="value"/> and writes its properties into the open object of <paramref name="json"/>.
    /// On failure nothing is written and <paramref name="failure"/> says why.
    /// </summary>
    bool TryFormat(byte[] value, Utf8JsonWriter json, out DecodeFailure? failure);
}
