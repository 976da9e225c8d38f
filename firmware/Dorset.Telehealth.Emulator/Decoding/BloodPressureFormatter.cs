using System.Text.Json;
using Dorset.Telehealth.Protocol.BloodPressure;
using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>
/// blood-pressure-measurement and intermediate-cuff-pressure (one layout): systolic, diastolic, meanArterialPressure,
/// unit ("mmHg"/"kPa"), time, pulseRate, userId, measurementStatus.
/// </summary>
public sealed class BloodPressureFormatter(string name, ushort uuid) : ICharacteristicFormatter
{
    /// <inheritdoc/>
    public string Name => name;

    /// <inheritdoc/>
    public ushort? Uuid => uuid;

    /// <inheritdoc/>
    public bool TryFormat(byte[] value, Utf8JsonWriter json, out DecodeFailure? failure)
    {
        if (!BloodPressureMeasurementCodec.TryDecode(value, 0, value.Length, out BloodPressureMeasurement m, out failure))
        {
            return false;
        }

        json.WriteMedicalFloat("systolic", m.Systolic);
        json.WriteMedicalFloat("diastolic", m.Diastolic);
        json.WriteMedicalFloat("meanArterialPressure", m.MeanArterialPressure);
        json.WriteString("unit", m.Kilopascals ? "kPa" : "mmHg");
        json.WriteDeviceTime("time", m.HasTimestamp ? m.Timestamp : null);
        json.WriteBoolean("timeInvalid", m.TimestampInvalid);
        json.WriteMedicalFloat("pulseRate", m.HasPulseRate, m.PulseRate);
        json.WriteOptionalNumber("userId", m.HasUserId, m.UserId);
        json.WriteStatus("measurementStatus", m.HasMeasurementStatus, m.MeasurementStatus, BloodPressureMeasurement.Names);
        json.WriteBoolean("errorRecord", m.IsErrorRecord);
        return true;
    }
}
