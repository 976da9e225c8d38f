using System.Text.Json;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.PulseOximetry;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>plx-features: features, measurementStatusSupport, deviceSensorStatusSupport (null when not flagged).</summary>
public sealed class PlxFeaturesFormatter : ICharacteristicFormatter
{
    /// <inheritdoc/>
    public string Name => "plx-features";

    /// <inheritdoc/>
    public ushort? Uuid => GattUuids.PlxFeatures;

    /// <inheritdoc/>
    public bool TryFormat(byte[] value, Utf8JsonWriter json, out DecodeFailure? failure)
    {
        if (!PlxFeatures.TryDecode(value, 0, value.Length, out PlxFeatures f, out failure))
        {
            return false;
        }

        json.WriteStatus("features", true, f.Features, PlxFeatures.Names);
        json.WriteStatus("measurementStatusSupport", (f.Features & PlxFeatures.MeasurementStatusSupportPresent) != 0, f.MeasurementStatusSupport, PlxStatus.MeasurementStatusNames);
        json.WriteStatus("deviceSensorStatusSupport", (f.Features & PlxFeatures.DeviceSensorStatusSupportPresent) != 0, f.DeviceSensorStatusSupport, PlxStatus.DeviceSensorStatusNames);
        return true;
    }
}
