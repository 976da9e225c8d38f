using System.Text.Json;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Weight;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>weight-measurement: weight, unit ("kg"/"lb"), time, userId, bmi, height, heightUnit ("m"/"in").</summary>
public sealed class WeightMeasurementFormatter : ICharacteristicFormatter
{
    /// <inheritdoc/>
    public string Name => "weight-measurement";

    /// <inheritdoc/>
    public ushort? Uuid => GattUuids.WeightMeasurement;

    /// <inheritdoc/>
    public bool TryFormat(byte[] value, Utf8JsonWriter json, out DecodeFailure? failure)
    {
        if (!WeightMeasurementCodec.TryDecode(value, 0, value.Length, out WeightMeasurement m, out failure))
        {
            return false;
        }

        json.WriteMedicalFloat("weight", m.Weight);
        json.WriteString("unit", m.Imperial ? "lb" : "kg");
        json.WriteBoolean("unsuccessful", m.IsUnsuccessful);
        json.WriteDeviceTime("time", m.HasTimestamp ? m.Timestamp : null);
        json.WriteBoolean("timeInvalid", m.TimestampInvalid);
        json.WriteOptionalNumber("userId", m.HasUserId, m.UserId);
        json.WriteMedicalFloat("bmi", m.HasBmiAndHeight, m.Bmi);
        json.WriteMedicalFloat("height", m.HasBmiAndHeight, m.Height);
        if (m.HasBmiAndHeight)
        {
            json.WriteString("heightUnit", m.Imperial ? "in" : "m");
        }
        else
        {
            json.WriteNull("heightUnit");
        }

        return true;
    }
}
