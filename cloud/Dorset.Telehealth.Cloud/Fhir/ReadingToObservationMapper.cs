using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Dorset.Telehealth.Cloud.Ingestion;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;

namespace Dorset.Telehealth.Cloud.Fhir;

/// <summary>
/// Stored readings as FHIR R4 Observations (issue 5 §3) that claim and meet their UK Core profiles
/// (<see cref="UkCoreProfiles"/>, cloud/README.md "UK Core profiles"), with the HL7 Personal Health Device IG
/// conventions named in clinical.md. Only attributed readings reach this mapper.
/// </summary>
public static class ReadingToObservationMapper
{
    /// <summary>mg/dL per mmol/L for glucose (clinical.md "Glucose").</summary>
    public const decimal GlucoseMgPerDlPerMmolPerL = 18.016m;

    // Quantity.unit as UK Core's profiles fix it (the UCUM code's print name); Quantity.code is the UCUM code.
    private const string Percent = "percent";
    private const string PerMinute = "per minute";
    private const string Kilogram = "kilogram";
    private const string MillimetreOfMercury = "millimeter of mercury";
    private const string MillimolesPerLitre = "millimoles per litre";

    /// <summary>The local id of a blood-pressure panel's contained mean-pressure Observation.</summary>
    public const string MeanPressureId = "map";

    /// <summary>The observation of <paramref name="stored"/> for <paramref name="part"/>.</summary>
    /// <exception cref="InvalidOperationException">The reading is unassigned, or has no pulse and the pulse part is asked.</exception>
    public static Observation Map(StoredReading stored, ObservationPart part)
    {
        if (stored.PatientNhs == null)
        {
            throw new InvalidOperationException("unassigned readings are never served as anyone's");
        }

        BatchReading r = stored.Reading;
        var o = new Observation
        {
            Id = FhirCodes.ObservationId(stored.FhirId, part),
            Status = ObservationStatus.Final,
            // When the county store accepted it: with the unit's receipt time this gives each reading's delivery latency.
            Issued = stored.StoredAt,
            Subject = new ResourceReference("Patient/" + stored.PatientNhs)
            {
                Identifier = new Identifier(NhsNumber.System, stored.PatientNhs),
            },
            Device = new ResourceReference("Device/" + FhirCodes.DeviceId(r.DeviceAddress))
            {
                Identifier = new Identifier(FhirCodes.BluetoothAddress, FhirCodes.DeviceId(r.DeviceAddress)),
                Display = $"{r.DeviceKind} {r.DeviceAddress} (unit {r.UnitId}, slot {r.DeviceSlot})",
            },
        };
        o.Identifier.Add(new Identifier(FhirCodes.ReadingKey, part == ObservationPart.Pulse ? r.Key + "#pulse" : r.Key));
        o.Extension.Add(new Extension(FhirCodes.GatewayExtension, new ResourceReference
        {
            Identifier = new Identifier(FhirCodes.GatewayId, stored.GatewayId),
            Display = $"gateway {stored.GatewayId} (hub {stored.Hub})",
        }));
        AddTime(o, stored);

        o.Category.Add(r.Kind == "glucose" && part == ObservationPart.Main
            ? new CodeableConcept(FhirCodes.Category, "laboratory", "Laboratory", null)
            : VitalSignsCategory());

        if (part == ObservationPart.Pulse)
        {
            ReadingQuantity pulse = r.Values.FirstOrDefault(v => v.Name == "pulse")
                ?? throw new InvalidOperationException($"reading {stored.Reading.Key} has no pulse rate");
            o.Code = FhirCodes.Concept(r.Kind == "blood-pressure" ? FhirCodes.CuffPulse : FhirCodes.OximeterPulse, "Pulse rate");
            o.Value = Quantity(pulse.Value, PerMinute, "/min");
        }
        else
        {
            MapMain(o, r);
        }

        AddFlags(o, r);
        o.Meta = new Meta { Profile = new[] { ProfileOf(r, part) } };
        return o;
    }

    private static string ProfileOf(BatchReading r, ObservationPart part) => (r.Kind, part) switch
    {
        (_, ObservationPart.Pulse) => UkCoreProfiles.HeartRate,
        ("glucose", _) => UkCoreProfiles.BloodGlucose,
        // An error record has no value (SpO2, weight) or no systolic component (BP), which their own profiles require.
        _ when r.Values.Count == 0 => UkCoreProfiles.VitalSigns,
        ("pulse-oximetry", _) => UkCoreProfiles.OxygenSaturation,
        ("weight", _) => UkCoreProfiles.BodyWeight,
        ("blood-pressure", _) => UkCoreProfiles.BloodPressure,
        _ => throw new InvalidOperationException($"unknown kind {r.Kind}"),
    };

    private static void MapMain(Observation o, BatchReading r)
    {
        switch (r.Kind)
        {
            case "glucose":
            {
                // The sample type is part of what was measured, so the code says it: MDC by GLS type (undetermined
                // plasma when the meter sent none), SNOMED CT whole blood or plasma only when the meter said which.
                var codes = new List<FhirCodes.Code> { FhirCodes.GlucoseMdc[r.SampleType ?? "undetermined-plasma"], FhirCodes.GlucoseLoinc };
                if (r.SampleType != null && FhirCodes.GlucoseSnomed.TryGetValue(r.SampleType, out FhirCodes.Code? snomed))
                {
                    codes.Add(snomed);
                }

                o.Code = FhirCodes.Concept(codes, "Blood glucose, " + (r.SampleType?.Replace('-', ' ') ?? "sample type not reported"));
                ReadingQuantity? mmol = r.Values.FirstOrDefault(v => v.Unit == "mmol/L");
                ReadingQuantity? mgdl = r.Values.FirstOrDefault(v => v.Unit == "mg/dL");
                if (mmol != null)
                {
                    o.Value = Quantity(mmol.Value, MillimolesPerLitre, "mmol/L");
                }
                else if (mgdl != null)
                {
                    // UK practice is mmol/L; the meter's mg/dL figure is kept verbatim in a note.
                    decimal converted = Math.Round(decimal.Parse(mgdl.Value, CultureInfo.InvariantCulture) / GlucoseMgPerDlPerMmolPerL, 1, MidpointRounding.AwayFromZero);
                    o.Value = new Quantity(converted, "mmol/L", FhirCodes.Ucum) { Unit = MillimolesPerLitre };
                    o.Note.Add(new Annotation { Text = new Markdown($"Converted from {mgdl.Value} mg/dL as sent by the meter (1 mmol/L = 18.016 mg/dL).") });
                }

                // Only a place on the body is a body site: not a control solution, nor "not available".
                if (r.SampleLocation is "finger" or "alternate-site" or "earlobe")
                {
                    o.BodySite = new CodeableConcept { Text = r.SampleLocation };
                }

                if (r.Context != null)
                {
                    GlucoseContextComponents.Add(o, r.Context);
                }

                break;
            }

            case "pulse-oximetry":
                o.Code = FhirCodes.Concept(FhirCodes.Spo2, "Oxygen saturation");
                o.Value = QuantityOf(r, "spo2", Percent, "%");
                break;

            case "weight":
                o.Code = FhirCodes.Concept(FhirCodes.Weight, "Body weight");
                o.Value = QuantityOf(r, "weight", Kilogram, "kg");
                break;

            case "blood-pressure":
                o.Code = FhirCodes.Concept(FhirCodes.BloodPressure, "Blood pressure");
                AddComponent(o, r, "systolic", FhirCodes.Systolic, "Systolic blood pressure");
                AddComponent(o, r, "diastolic", FhirCodes.Diastolic, "Diastolic blood pressure");
                AddMeanPressure(o, r);
                break;

            default:
                throw new InvalidOperationException($"unknown kind {r.Kind}");
        }

        if (r.Values.Count == 0)
        {
            o.DataAbsentReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "error", "Error", null);
        }
    }

    private static void AddComponent(Observation o, BatchReading r, string name, IReadOnlyList<FhirCodes.Code> codes, string text)
    {
        ReadingQuantity? q = r.Values.FirstOrDefault(v => v.Name == name);
        if (q != null)
        {
            o.Component.Add(new Observation.ComponentComponent { Code = FhirCodes.Concept(codes, text), Value = Quantity(q.Value, MillimetreOfMercury, "mm[Hg]") });
        }
    }

    /// <summary>
    /// The mean pressure as a member of the panel: UK Core's blood-pressure profile closes its components to systolic
    /// and diastolic, and LOINC 85354-9 lists mean pressure (8478-0) among the panel's members. Contained, because
    /// the store serves one Observation per reading besides the pulse; it claims the generic vital-signs profile.
    /// </summary>
    private static void AddMeanPressure(Observation panel, BatchReading r)
    {
        ReadingQuantity? map = r.Values.FirstOrDefault(v => v.Name == "map");
        if (map == null)
        {
            return;
        }

        var member = new Observation
        {
            Id = MeanPressureId,
            Meta = new Meta { Profile = new[] { UkCoreProfiles.VitalSigns } },
            Status = ObservationStatus.Final,
            Code = FhirCodes.Concept(FhirCodes.MeanArterial, "Mean blood pressure"),
            Subject = panel.Subject!.DeepCopy(),
            Effective = panel.Effective!.DeepCopy(),
            Value = Quantity(map.Value, MillimetreOfMercury, "mm[Hg]"),
        };
        member.Category.Add(VitalSignsCategory());
        panel.Contained.Add(member);
        panel.HasMember.Add(new ResourceReference("#" + MeanPressureId));
    }

    private static CodeableConcept VitalSignsCategory() => new(FhirCodes.Category, "vital-signs", "Vital Signs", null);

    // An error record has no values (served with dataAbsentReason instead).
    private static Quantity? QuantityOf(BatchReading r, string name, string unit, string ucum) =>
        r.Values.FirstOrDefault(v => v.Name == name) is { } q ? Quantity(q.Value, unit, ucum) : null;

    private static Quantity Quantity(string exact, string unit, string ucum)
    {
        // decimal keeps the sent scale ("5.40" stays 5.40): the value is exactly what the device reported.
        return new Quantity(decimal.Parse(exact, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), ucum, FhirCodes.Ucum)
        {
            Unit = unit,
        };
    }

    private static void AddTime(Observation o, StoredReading stored)
    {
        BatchReading r = stored.Reading;
        o.Effective = new FhirDateTime(stored.EffectiveSource == EffectiveTimeSource.Device
            ? stored.EffectiveTime.ToOffset(UkCivilTime.ToOffset(r.DeviceTime!).Offset)
            : stored.EffectiveTime);
        o.Extension.Add(new Extension(FhirCodes.EffectiveSourceExtension, new Code(SqlCloudStore.SourceName(stored.EffectiveSource))));
        if (r.DeviceTime != null && stored.EffectiveSource != EffectiveTimeSource.Device)
        {
            o.Extension.Add(new Extension(FhirCodes.DeviceReportedTimeExtension, new FhirString(r.DeviceTime)));
        }

        if (stored.EffectiveSource == EffectiveTimeSource.GatewayReceipt)
        {
            string device = r.DeviceTime == null ? "no device time" : $"device time {r.DeviceTime} (not trusted)";
            o.Note.Add(new Annotation
            {
                Text = new Markdown($"The home unit's clock was not synchronised, so the time shown is when the hub gateway received the reading ({device})."),
            });
        }
    }

    private static void AddFlags(Observation o, BatchReading r)
    {
        bool controlSolution = r.HasFlag("control-solution") || r.SampleType == "control-solution" || r.SampleLocation == "control-solution";
        var flags = new List<string>(r.Flags);
        if (controlSolution && !flags.Contains("control-solution"))
        {
            flags.Insert(0, "control-solution");
        }

        if (flags.Count == 0)
        {
            return;
        }

        var concept = new CodeableConcept { Text = string.Join(", ", flags) };
        foreach (string flag in flags)
        {
            concept.Coding.Add(new Coding(FhirCodes.ReadingFlag, flag, flag));
        }

        // HI/LO: the true value is beyond the device's range, so the quantity is a bound, not a measurement.
        if (flags.Contains("high"))
        {
            concept.Coding.Add(new Coding(FhirCodes.Interpretation, "H", "High"));
            if (o.Value is Quantity q)
            {
                q.Comparator = Hl7.Fhir.Model.Quantity.QuantityComparator.GreaterOrEqual;
            }
        }

        if (flags.Contains("low"))
        {
            concept.Coding.Add(new Coding(FhirCodes.Interpretation, "L", "Low"));
            if (o.Value is Quantity q)
            {
                q.Comparator = Hl7.Fhir.Model.Quantity.QuantityComparator.LessOrEqual;
            }
        }

        o.Interpretation.Add(concept);
        if (r.GatewayNote != null)
        {
            o.Note.Add(new Annotation { Text = new Markdown("Gateway: " + r.GatewayNote) });
        }
    }
}
