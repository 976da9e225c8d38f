using System.Text.Json;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Glucose;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>glucose-feature: features (raw bits) and featuresFlags (their names).</summary>
public sealed class GlucoseFeatureFormatter : ICharacteristicFormatter
{
    /// <inheritdoc/>
    public string Name => "glucose-feature";

    /// <inheritdoc/>
    public ushort? Uuid => GattUuids.GlucoseFeature;

    /// <inheritdoc/>
    public bool TryFormat(byte[] value, Utf8JsonWriter json, out DecodeFailure? failure)
    {
        if (!GlucoseFeature.TryDecode(value, 0, value.Length, out int features, out failure))
        {
            return false;
        }

        json.WriteStatus("features", true, features, GlucoseFeature.Names);
        return true;
    }
}
