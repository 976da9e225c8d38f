using System.Text.Json;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.DeviceInformation;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>system-id: manufacturerIdentifier, organizationallyUniqueIdentifier.</summary>
public sealed class SystemIdFormatter : ICharacteristicFormatter
{
    /// <inheritdoc/>
    public string Name => "system-id";

    /// <inheritdoc/>
    public ushort? Uuid => GattUuids.SystemId;

    /// <inheritdoc/>
    public bool TryFormat(byte[] value, Utf8JsonWriter json, out DecodeFailure? failure)
    {
        if (!SystemId.TryDecode(value, 0, value.Length, out SystemId id, out failure))
        {
            return false;
        }

        json.WriteNumber("manufacturerIdentifier", id.ManufacturerIdentifier);
        json.WriteNumber("organizationallyUniqueIdentifier", id.OrganizationallyUniqueIdentifier);
        return true;
    }
}
