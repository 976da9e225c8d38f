using System;
using System.Globalization;
using System.Text.Json;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>
/// glucose-measurement: sequence, baseTime, timeOffsetMinutes, time, concentration, unit, mgdl, mmolL, type, location,
/// sensorStatus, contextFollows. The unit the meter sent converts exactly (kg/L to mg/dL, mol/L to mmol/L); the other
/// is derived with 18.016 mg/dL per mmol/L and rounded as clinicians read it (0.1 mmol/L, 1 mg/dL).
/// </summary>
public sealed class GlucoseMeasurementFormatter : ICharacteristicFormatter
{
    private const decimal MilligramsPerDecilitrePerMillimole = 18.016m;

    /// <inheritdoc/>
    public string Name => "glucose-measurement";

    /// <inheritdoc/>
    public ushort? Uuid => GattUuids.GlucoseMeasurement;

    /// <inheritdoc/>
    public bool TryFormat(byte[] value, Utf8JsonWriter json, out DecodeFailure? failure)
    {
        if (!GlucoseMeasurementDecoder.TryDecode(value, 0, value.Length, out GlucoseMeasurement m, out failure))
        {
            return false;
        }

        json.WriteNumber("sequence", m.Sequence);
        json.WriteDeviceTime("baseTime", m.BaseTime);
        json.WriteOptionalNumber("timeOffsetMinutes", m.HasTimeOffset, m.TimeOffsetMinutes);
        json.WriteDeviceTime("time", m.Time);
        json.WriteBoolean("timeInvalid", m.TimeInvalid);
        json.WriteMedicalFloat("concentration", m.HasConcentration, m.Concentration);
        if (m.HasConcentration)
        {
            json.WriteString("unit", m.Unit == GlucoseConcentrationUnit.KilogramsPerLitre ? "kg/L" : "mol/L");
        }
        else
        {
            json.WriteNull("unit");
        }

        WriteConvertedConcentrations(json, m);
        json.WriteOptionalNumber("type", m.HasConcentration, m.Type);
        json.WriteOptionalNumber("location", m.HasConcentration, m.Location);
        json.WriteBoolean("controlSolution", m.IsControlSolution);
        json.WriteStatus("sensorStatus", m.HasSensorStatus, m.SensorStatus, GlucoseSensorStatus.Names);
        json.WriteBoolean("contextFollows", m.ContextFollows);
        return true;
    }

    private static void WriteConvertedConcentrations(Utf8JsonWriter json, GlucoseMeasurement m)
    {
        if (!m.HasConcentration || !m.Concentration.IsNumber)
        {
            json.WriteMedicalFloat("mgdl", m.HasConcentration, m.Concentration);
            json.WriteMedicalFloat("mmolL", m.HasConcentration, m.Concentration);
            return;
        }

        if (m.Unit == GlucoseConcentrationUnit.KilogramsPerLitre)
        {
            MedicalFloat mgdl = m.MilligramsPerDecilitre;
            json.WriteMedicalFloat("mgdl", mgdl);
            json.WriteNumber("mmolL", Math.Round(Exact(mgdl) / MilligramsPerDecilitrePerMillimole, 1, MidpointRounding.AwayFromZero));
        }
        else
        {
            MedicalFloat mmol = m.MillimolesPerLitre;
            json.WriteNumber("mgdl", Math.Round(Exact(mmol) * MilligramsPerDecilitrePerMillimole, 0, MidpointRounding.AwayFromZero));
            json.WriteMedicalFloat("mmolL", mmol);
        }
    }

    private static decimal Exact(MedicalFloat value) => decimal.Parse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
