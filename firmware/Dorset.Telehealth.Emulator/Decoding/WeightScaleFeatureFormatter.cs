using System.Text.Json;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Weight;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>weight-scale-feature: features, weightResolution and heightResolution codes.</summary>
public sealed class WeightScaleFeatureFormatter : ICharacteristicFormatter
{
    /// <inheritdoc/>
    public string Name => "weight-scale-feature";

    /// <inheritdoc/>
    public ushort? Uuid => GattUuids.WeightScaleFeature;

    /// <inheritdoc/>
    public bool TryFormat(byte[] value, Utf8JsonWriter json, out DecodeFailure? failure)
    {
        if (!WeightScaleFeature.TryDecode(value, 0, value.Length, out uint features, out failure))
        {
            return false;
        }

        json.WriteStatus("features", true, features & 0x7, WeightScaleFeature.Names);
        json.WriteNumber("weightResolution", WeightScaleFeature.WeightResolution(features));
        json.WriteNumber("heightResolution", WeightScaleFeature.HeightResolution(features));
        return true;
    }
}
