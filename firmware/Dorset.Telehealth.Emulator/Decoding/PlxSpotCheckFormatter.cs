using System.Text.Json;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.PulseOximetry;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>plx-spot-check: spo2, pulseRate, time, measurementStatus, deviceSensorStatus, pulseAmplitudeIndex, deviceClockNotSet.</summary>
public sealed class PlxSpotCheckFormatter : ICharacteristicFormatter
{
    /// <inheritdoc/>
    public string Name => "plx-spot-check";

    /// <inheritdoc/>
    public ushort? Uuid => GattUuids.PlxSpotCheckMeasurement;

    /// <inheritdoc/>
    public bool TryFormat(byte[] value, Utf8JsonWriter json, out DecodeFailure? failure)
    {
        if (!PlxSpotCheckCodec.TryDecode(value, 0, value.Length, out PlxSpotCheck m, out failure))
        {
            return false;
        }

        json.WriteMedicalFloat("spo2", m.SpO2);
        json.WriteMedicalFloat("pulseRate", m.PulseRate);
        json.WriteDeviceTime("time", m.HasTimestamp ? m.Timestamp : null);
        json.WriteBoolean("timeInvalid", m.TimestampInvalid);
        PlxJson.WriteStatusTail(json, m);
        json.WriteBoolean("deviceClockNotSet", m.DeviceClockNotSet);
        return true;
    }
}
