using System.Collections.Generic;
using System.Globalization;
using Dorset.Telehealth.Cloud.Ingestion;
using Hl7.Fhir.Model;

namespace Dorset.Telehealth.Cloud.Fhir;

/// <summary>
/// A glucose reading's context as components of its own Observation (cloud/README.md "Glucose context in FHIR"). Why
/// components and not related Observations: the context is what the meter recorded about this one test (GLS 1.0:
/// "additional information" of a Glucose Measurement record), with its time, device and patient, and no meaning apart
/// from it (fasting before what?); FHIR R4 gives such parts to Observation.component, which "are always treated as
/// part of a single observation". A reader of the value then sees whether it was fasting or after a meal, whose
/// targets differ, without a second query. Separate Observations (the PHD IG's coded enumerations, linked by
/// derivedFrom) would also make what a patient typed into a meter, an insulin dose, a carbohydrate count or an HbA1c,
/// turn up in code searches as results of their own beside laboratory ones; as components they stay what they are,
/// the context of a home test. Each component carries the PHD IG's MDC code and ours.
/// </summary>
public static class GlucoseContextComponents
{
    /// <summary>Adds a component per part of <paramref name="context"/> present.</summary>
    public static void Add(Observation o, ReadingGlucoseContext context)
    {
        AddCoded(o, "meal", "Meal", context.Meal);
        AddCoded(o, "tester", "Tester", context.Tester);
        AddCoded(o, "health", "Health", context.Health);
        if (context.Exercise is { } exercise)
        {
            o.Component.Add(Component("exercise-duration", "Exercise duration", new Quantity(exercise.DurationSeconds, "s", FhirCodes.Ucum)
            {
                Unit = "s",
                // 65535 is the meter's overrun: at least that long.
                Comparator = exercise.DurationSeconds == 65535 ? Quantity.QuantityComparator.GreaterOrEqual : null,
            }));
            if (exercise.IntensityPercent is int intensity)
            {
                o.Component.Add(Component("exercise-intensity", "Exercise intensity", new Quantity(intensity, "%", FhirCodes.Ucum) { Unit = "%" }));
            }
        }

        AddAmount(o, "medication", "Medication", context.Medication);
        AddAmount(o, "carbohydrate", "Carbohydrate", context.Carbohydrate);
        AddAmount(o, "hba1c", "HbA1c reported by the meter", context.HbA1c);
    }

    private static void AddCoded(Observation o, string part, string text, string? word)
    {
        if (word == null)
        {
            return;
        }

        FhirCodes.Code value = GlucoseContextCodes.Values[word];
        o.Component.Add(Component(part, text, new CodeableConcept(value.System, value.Value, value.Display, word)));
    }

    private static void AddAmount(Observation o, string part, string text, ContextAmount? amount)
    {
        if (amount == null)
        {
            return;
        }

        var quantity = new Quantity(decimal.Parse(amount.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), amount.Unit, FhirCodes.Ucum)
        {
            Unit = amount.Unit,
        };
        // A typed amount's MDC code is its type's (11073-10417 codes the metric by it); an untyped one takes the part's.
        FhirCodes.Code mdc = amount.Type == null ? GlucoseContextCodes.Parts[part] : GlucoseContextCodes.Types[amount.Type];
        Observation.ComponentComponent component = Component(part, amount.Type == null ? text : $"{text}: {amount.Type}", quantity, mdc);
        if (part == "hba1c")
        {
            component.Code.Coding.Add(new Coding(GlucoseContextCodes.HbA1cLoinc.System, GlucoseContextCodes.HbA1cLoinc.Value, GlucoseContextCodes.HbA1cLoinc.Display));
        }

        o.Component.Add(component);
    }

    private static Observation.ComponentComponent Component(string part, string text, DataType value, FhirCodes.Code? mdc = null)
    {
        var codes = new List<FhirCodes.Code>();
        mdc ??= GlucoseContextCodes.Parts.GetValueOrDefault(part);
        if (mdc != null)
        {
            codes.Add(mdc);
        }

        codes.Add(new FhirCodes.Code(GlucoseContextCodes.System, part, text));
        return new Observation.ComponentComponent { Code = FhirCodes.Concept(codes, text), Value = value };
    }
}
