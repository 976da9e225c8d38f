using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Dorset.Telehealth.Cloud.Ingestion;

/// <summary>
/// Reads "glucose.context" of one reading against the contract (cloud/README.md): names from
/// <see cref="GlucoseContextVocabulary"/>, amounts as exact decimals in their one unit and range. The first problem
/// refuses the batch (400) naming the field, like every other field.
/// </summary>
public sealed class GlucoseContextReader : ItemFieldReader
{
    private const string Prefix = "glucose.context.";

    /// <summary>A reader for item <paramref name="index"/> of the batch's readings.</summary>
    public GlucoseContextReader(int index, JsonElement item, string? key)
        : base("readings", index, item)
    {
        Key = key;
    }

    /// <summary>The context in <paramref name="context"/> (an object), or false with <see cref="ItemFieldReader.Error"/>.</summary>
    public bool TryRead(JsonElement context, out ReadingGlucoseContext? result)
    {
        result = null;
        if (!Choice(context, "meal", GlucoseContextVocabulary.Meals, false, out string? meal, Prefix)
            || !Choice(context, "tester", GlucoseContextVocabulary.Testers, false, out string? tester, Prefix)
            || !Choice(context, "health", GlucoseContextVocabulary.Healths, false, out string? health, Prefix)
            || !TryReadExercise(context, out ContextExercise? exercise)
            || !TryReadAmount(context, "medication", GlucoseContextVocabulary.Medications, ["mg", "mL"], null, out ContextAmount? medication)
            || !TryReadAmount(context, "carbohydrate", GlucoseContextVocabulary.Carbohydrates, ["g"], null, out ContextAmount? carbohydrate)
            || !TryReadAmount(context, "hba1c", null, ["%"], 100m, out ContextAmount? hba1c))
        {
            return false;
        }

        result = new ReadingGlucoseContext(meal, tester, health, exercise, medication, carbohydrate, hba1c);
        return true;
    }

    private bool TryReadExercise(JsonElement context, out ContextExercise? exercise)
    {
        exercise = null;
        if (!OptionalObject(context, "exercise", out JsonElement e, out bool present, Prefix))
        {
            return false;
        }

        if (!present)
        {
            return true;
        }

        const string prefix = Prefix + "exercise.";
        if (!Integer(e, "durationSeconds", 0, 65535, required: true, out long? duration, prefix)
            || !Integer(e, "intensityPercent", 0, 100, required: false, out long? intensity, prefix))
        {
            return false;
        }

        exercise = new ContextExercise((int)duration!.Value, intensity.HasValue ? (int)intensity.Value : null);
        return true;
    }

    private bool TryReadAmount(JsonElement context, string name, IReadOnlyList<string>? types, IReadOnlyList<string> units, decimal? max, out ContextAmount? amount)
    {
        amount = null;
        if (!OptionalObject(context, name, out JsonElement a, out bool present, Prefix))
        {
            return false;
        }

        if (!present)
        {
            return true;
        }

        string prefix = Prefix + name + ".";
        string? type = null;
        if ((types != null && !Choice(a, "type", types, false, out type, prefix))
            || !ExactDecimal(a, "value", out string? value, prefix)
            || !Choice(a, "unit", units, true, out string? unit, prefix))
        {
            return false;
        }

        decimal number = decimal.Parse(value!, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (number < 0 || number > max)
        {
            return Record(prefix + "value", $"impossible {name} {value} {unit}: outside [0, {(max.HasValue ? max.Value.ToString(CultureInfo.InvariantCulture) : "...")}]");
        }

        amount = new ContextAmount(type, value!, unit!);
        return true;
    }
}
