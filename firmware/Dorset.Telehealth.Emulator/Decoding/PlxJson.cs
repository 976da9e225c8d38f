using System.Text.Json;
using Dorset.Telehealth.Protocol.PulseOximetry;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>The status fields both PLX measurements share, written the same way for both.</summary>
internal static class PlxJson
{
    public static void WriteStatusTail(Utf8JsonWriter json, PlxMeasurement m)
    {
        json.WriteStatus("measurementStatus", m.HasMeasurementStatus, m.MeasurementStatus, PlxStatus.MeasurementStatusNames);
        json.WriteStatus("deviceSensorStatus", m.HasDeviceSensorStatus, m.DeviceSensorStatus, PlxStatus.DeviceSensorStatusNames);
        json.WriteMedicalFloat("pulseAmplitudeIndex", m.HasPulseAmplitudeIndex, m.PulseAmplitudeIndex);
        json.WriteBoolean("notPatientData", m.IsNotPatientData);
    }
}
