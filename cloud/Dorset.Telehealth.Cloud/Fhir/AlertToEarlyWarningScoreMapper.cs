using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Dorset.Telehealth.Cloud.Ingestion;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;

namespace Dorset.Telehealth.Cloud.Fhir;

/// <summary>
/// A news2-partial alert as an Observation following UKCore-Observation-EarlyWarningTotalScore
/// (../shared/reference/uk-core/structuredefinitions): status final, one category `survey`, code SNOMED CT
/// 1104051000000101, subject and effective required, value and component values as UCUM `{ScoreOf}` quantities
/// (the profile fixes Quantity, not integer), component codes from UKCore-EarlyWarningSubScore.
/// </summary>
/// <remarks>
/// The profile has no element for "partial", and clinical.md forbids presenting a home score as a full NEWS2. So it
/// is said four ways, each within the profile: every NEWS2 parameter the home did not measure is a component with
/// dataAbsentReason `not-performed` (the profile's sub-score binding names all seven, so a reader sees which are
/// missing); an interpretation coding `partial` beside the escalation; an extension; and a note in words.
/// </remarks>
public static class AlertToEarlyWarningScoreMapper
{
    /// <summary>Marks a score computed from only some of its parameters (valueBoolean true).</summary>
    public const string PartialScoreExtension = "https://dorset-telehealth.nhs.uk/fhir/StructureDefinition/partial-score";

    // UKCore-EarlyWarningSubScore: the NEWS2 sub-score concepts (displays as the value set lists them).
    private const string Rcp = "Royal College of Physicians National Early Warning Score 2 - ";

    private static readonly (string Parameter, string Code, string Display)[] s_subScores =
    {
        ("respiration", "1104301000000104", Rcp + "respiration rate score"),
        ("spo2-scale-1", "1104311000000102", Rcp + "oxygen saturation scale 1 score"),
        ("spo2-scale-2", "1104321000000108", Rcp + "oxygen saturation scale 2 score"),
        ("oxygen", "1104331000000105", Rcp + "air or oxygen score"),
        ("systolic", "1104341000000101", Rcp + "systolic blood pressure score"),
        ("pulse", "1104351000000103", Rcp + "pulse score"),
        ("consciousness", "1104361000000100", Rcp + "consciousness score"),
        ("temperature", "1104371000000107", Rcp + "temperature score"),
    };

    /// <summary>The Observation of the current revision <paramref name="stored"/>.</summary>
    /// <param name="stored">An attributed news2-partial alert.</param>
    /// <param name="readings">The patient's stored readings the alert names, by key (absent keys are skipped).</param>
    public static Observation Map(StoredAlert stored, IReadOnlyDictionary<string, StoredReadingRef> readings)
    {
        BatchAlert a = stored.Alert;
        AlertScore score = a.Score ?? throw new System.InvalidOperationException($"alert {a.Identity} has no score");
        var o = new Observation
        {
            Id = AlertCodes.EarlyWarningScoreId(a.AlertId),
            Meta = new Meta { Profile = new[] { UkCoreProfiles.EarlyWarningTotalScore } },
            Status = ObservationStatus.Final,
            Code = FhirCodes.Concept(new[] { AlertCodes.News2Total }, "Partial NEWS2 total score (home-measured parameters only)"),
            Subject = AlertCodes.PatientOf(stored),
            Effective = new FhirDateTime(a.LastBreachAt),
            Issued = stored.StoredAt,
            Value = ScoreOf(score.Total),
        };
        o.Category.Add(new CodeableConcept(FhirCodes.Category, "survey", "Survey", null));
        o.Identifier.Add(AlertCodes.IdentifierOf(a));
        AlertCodes.Describe(o, stored);
        o.AddExtension(PartialScoreExtension, new FhirBoolean(true));
        o.Interpretation.Add(new CodeableConcept
        {
            Coding = new List<Coding>
            {
                new(AlertCodes.EscalationSystem, score.Escalation, "Escalation: " + score.Escalation),
                new(AlertCodes.EscalationSystem, "partial", "Partial score: not every NEWS2 parameter was measured"),
            },
            Text = $"partial NEWS2, escalation {score.Escalation}",
        });

        var measured = new HashSet<string>();
        foreach (ScoreParameter p in score.Parameters)
        {
            string parameter = p.Name == "spo2" ? $"spo2-scale-{p.Scale}" : p.Name;
            measured.Add(parameter);
            o.Component.Add(new Observation.ComponentComponent
            {
                Code = SubScore(parameter, Describe(p)),
                Value = ScoreOf(p.Score),
            });
        }

        // SpO2 is one parameter scored on one of two scales: the unused scale is not missing, and an unscored SpO2 is
        // reported once, on the default scale 1.
        bool spo2Scored = measured.Contains("spo2-scale-1") || measured.Contains("spo2-scale-2");
        bool IsMissing(string parameter) => parameter switch
        {
            "spo2-scale-1" => !spo2Scored,
            "spo2-scale-2" => false,
            _ => !measured.Contains(parameter),
        };
        var notMeasured = s_subScores.Where(s => IsMissing(s.Parameter)).ToList();
        foreach (var missing in notMeasured)
        {
            o.Component.Add(new Observation.ComponentComponent
            {
                Code = SubScore(missing.Parameter, missing.Display + ": not measured at home"),
                DataAbsentReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed", "Not Performed", null),
            });
        }

        foreach ((string key, string name) in AlertCodes.ReadingsOf(a))
        {
            if (AlertCodes.ObservationOf(key, name, readings) is ResourceReference observation)
            {
                o.DerivedFrom.Add(observation);
            }
        }

        string late = a.LateMinutes.HasValue ? AlertCodes.LateLabel(a.LateMinutes.Value) + " " : string.Empty;
        o.Note.Add(new Annotation
        {
            Text = new Markdown(late + $"PARTIAL NEWS2 {score.Total.ToString(CultureInfo.InvariantCulture)}, not a full NEWS2: scored at home from "
                + string.Join(", ", score.Parameters.Select(Describe)) + "; not measured: " + string.Join(", ", notMeasured.Select(m => m.Parameter))
                + $". Escalation {score.Escalation}. {a.Summary}"),
        });
        return o;
    }

    private static string Describe(ScoreParameter p)
    {
        string value = p.Unit == null ? p.Value : $"{p.Value} {p.Unit}";
        string age = p.AgeMinutes.HasValue ? $", {p.AgeMinutes.Value.ToString(CultureInfo.InvariantCulture)} min old" : string.Empty;
        return $"{p.Name} {value} scores {p.Score.ToString(CultureInfo.InvariantCulture)}{age}";
    }

    private static CodeableConcept SubScore(string parameter, string text)
    {
        var s = s_subScores.Single(x => x.Parameter == parameter);
        return new CodeableConcept(FhirCodes.Snomed, s.Code, s.Display, text);
    }

    private static Quantity ScoreOf(int score) => new(score, "{ScoreOf}", FhirCodes.Ucum) { Unit = "score" };
}
