using System.Text.Json;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Glucose;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>
/// glucose-context: sequence, carbohydrateId, carbohydrateKg, meal, tester, health, exerciseSeconds, exerciseIntensity,
/// medicationId, medication, medicationUnit, hba1c. Codes are the raw values (GLS 3.107), reserved ones included.
/// </summary>
public sealed class GlucoseContextFormatter : ICharacteristicFormatter
{
    /// <inheritdoc/>
    public string Name => "glucose-context";

    /// <inheritdoc/>
    public ushort? Uuid => GattUuids.GlucoseMeasurementContext;

    /// <inheritdoc/>
    public bool TryFormat(byte[] value, Utf8JsonWriter json, out DecodeFailure? failure)
    {
        if (!GlucoseContextDecoder.TryDecode(value, 0, value.Length, out GlucoseContext c, out failure))
        {
            return false;
        }

        json.WriteNumber("sequence", c.Sequence);
        WriteFields(json, c);
        return true;
    }

    /// <summary>Every field but the sequence: the frame's "context" of a glucose reading is the same record.</summary>
    public static void WriteFields(Utf8JsonWriter json, GlucoseContext c)
    {
        json.WriteOptionalNumber("carbohydrateId", c.HasCarbohydrate, c.CarbohydrateId);
        json.WriteMedicalFloat("carbohydrateKg", c.HasCarbohydrate, c.CarbohydrateKilograms);
        json.WriteOptionalNumber("meal", c.HasMeal, c.Meal);
        json.WriteOptionalNumber("tester", c.HasTesterHealth, c.Tester);
        json.WriteOptionalNumber("health", c.HasTesterHealth, c.Health);
        json.WriteOptionalNumber("exerciseSeconds", c.HasExercise, c.ExerciseSeconds);
        json.WriteOptionalNumber("exerciseIntensity", c.HasExercise, c.ExerciseIntensityPercent);
        json.WriteOptionalNumber("medicationId", c.HasMedication, c.MedicationId);
        json.WriteMedicalFloat("medication", c.HasMedication, c.Medication);
        if (c.HasMedication)
        {
            json.WriteString("medicationUnit", c.MedicationInLitres ? "L" : "kg");
        }
        else
        {
            json.WriteNull("medicationUnit");
        }

        json.WriteMedicalFloat("hba1c", c.HasHbA1c, c.HbA1cPercent);
    }
}
