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
/// Stored readings as FHIR R4 Observations (issue 5 §3), following the vital-signs profile and the HL7 Personal
/// Health Device IG conventions named in clinical.md. Only attributed readings reach this mapper.
/// </summary>
public static class ReadingToObservationMapper
{
    /// <summary>mg/dL per mmol/L for glucose (clinical.md "Glucose").</summary>
    public const decimal GlucoseMgPerDlPerMmolPerL = 18.016m;

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

        string category = r.Kind == "glucose" && part == ObservationPart.Main ? "laboratory" : "vital-signs";
        o.Category.Add(new CodeableConcept(FhirCodes.Category, category, category == "laboratory" ? "Laboratory" : "Vital Signs", null));

        if (part == ObservationPart.Pulse)
        {
            ReadingQuantity pulse = r.Values.FirstOrDefault(v => v.Name == "pulse")
                ?? throw new InvalidOperationException($"reading {stored.Reading.Key} has no pulse rate");
            o.Code = FhirCodes.Concept(r.Kind == "blood-pressure" ? FhirCodes.CuffPulse : FhirCodes.OximeterPulse, "Pulse rate");
            o.Value = Quantity(pulse.Value, "beats/minute", "/min");
        }
        else
        {
            MapMain(o, r);
        }

        AddFlags(o, r);
        return o;
    }

    private static void MapMain(Observation o, BatchReading r)
    {
        switch (r.Kind)
        {
            case "glucose":
            {
                FhirCodes.Code mdc = FhirCodes.GlucoseMdc[r.SampleType ?? "undetermined-plasma"];
                o.Code = FhirCodes.Concept(new[] { mdc, FhirCodes.GlucoseLoinc }, "Blood glucose");
                ReadingQuantity? mmol = r.Values.FirstOrDefault(v => v.Unit == "mmol/L");
                ReadingQuantity? mgdl = r.Values.FirstOrDefault(v => v.Unit == "mg/dL");
                if (mmol != null)
                {
                    o.Value = Quantity(mmol.Value, "mmol/L", "mmol/L");
                }
                else if (mgdl != null)
                {
                    // UK practice is mmol/L; the meter's mg/dL figure is kept verbatim in a note.
                    decimal converted = Math.Round(decimal.Parse(mgdl.Value, CultureInfo.InvariantCulture) / GlucoseMgPerDlPerMmolPerL, 1, MidpointRounding.AwayFromZero);
                    o.Value = new Quantity(converted, "mmol/L", FhirCodes.Ucum) { Unit = "mmol/L" };
                    o.Note.Add(new Annotation { Text = new Markdown($"Converted from {mgdl.Value} mg/dL as sent by the meter (1 mmol/L = 18.016 mg/dL).") });
                }

                if (r.SampleLocation != null || r.SampleType != null)
                {
                    o.BodySite = new CodeableConcept { Text = $"sample type {r.SampleType ?? "unknown"}, location {r.SampleLocation ?? "unknown"}" };
                }

                if (r.Context != null)
                {
                    GlucoseContextComponents.Add(o, r.Context);
                }

                break;
            }

            case "pulse-oximetry":
                o.Code = FhirCodes.Concept(FhirCodes.Spo2, "Oxygen saturation");
                o.Value = Quantity(r.Values.First(v => v.Name == "spo2").Value, "%", "%");
                break;

            case "weight":
                o.Code = FhirCodes.Concept(FhirCodes.Weight, "Body weight");
                o.Value = Quantity(r.Values.First(v => v.Name == "weight").Value, "kg", "kg");
                break;

            case "blood-pressure":
                o.Code = FhirCodes.Concept(FhirCodes.BloodPressure, "Blood pressure");
                AddComponent(o, r, "systolic", FhirCodes.Systolic, "Systolic blood pressure");
                AddComponent(o, r, "diastolic", FhirCodes.Diastolic, "Diastolic blood pressure");
                AddComponent(o, r, "map", FhirCodes.MeanArterial, "Mean blood pressure");
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
            o.Component.Add(new Observation.ComponentComponent { Code = FhirCodes.Concept(codes, text), Value = Quantity(q.Value, "mmHg", "mm[Hg]") });
        }
    }

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
