using System.Collections.Generic;
using Hl7.Fhir.Model;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>One search parameter a search honours, as the CapabilityStatement states it.</summary>
/// <param name="Name">The parameter's name in the query (case-sensitive, as in FHIR).</param>
/// <param name="Type">Its FHIR search type.</param>
/// <param name="Definition">The base specification's SearchParameter it implements.</param>
/// <param name="Documentation">What this server does with it.</param>
/// <param name="Repeatable">Whether it may appear more than once (AND); any other repeated parameter is refused.</param>
public sealed record FhirSearchParameter(string Name, SearchParamType Type, string Definition, string Documentation, bool Repeatable = false);

/// <summary>
/// The searches the API serves, each with the parameters it honours and the sort keys it offers: the one list both
/// <see cref="FhirQuery"/> (which refuses or ignores anything else) and the CapabilityStatement are built from.
/// </summary>
/// <param name="Type">The resource type searched.</param>
/// <param name="Parameters">The search parameters honoured.</param>
/// <param name="SortKeys">The `_sort` keys (each also as `-key`, descending).</param>
public sealed record FhirResourceSearch(string Type, IReadOnlyList<FhirSearchParameter> Parameters, IReadOnlyList<string> SortKeys)
{
    /// <summary>The names that give the search's patient (the reference parameters).</summary>
    public IEnumerable<string> PatientParameters
    {
        get
        {
            foreach (FhirSearchParameter p in Parameters)
            {
                if (p.Type == SearchParamType.Reference)
                {
                    yield return p.Name;
                }
            }
        }
    }

    private const string Base = "http://hl7.org/fhir/SearchParameter/";

    private static readonly FhirSearchParameter s_patient = new("patient", SearchParamType.Reference, Base + "clinical-patient",
        "Required, exactly once (or subject instead where offered): an NHS number, Patient/{nhs} or https://fhir.nhs.uk/Id/nhs-number|{nhs}. " +
        "A second patient or subject parameter is refused (400), never one of them served.");

    /// <summary>GET /fhir/Observation: readings and partial NEWS2 scores of one patient.</summary>
    public static FhirResourceSearch Observation { get; } = new("Observation", new[]
    {
        s_patient,
        new FhirSearchParameter("subject", SearchParamType.Reference, Base + "Observation-subject", "As patient: Patient/{nhs}; instead of patient, never beside it."),
        new FhirSearchParameter("code", SearchParamType.Token, Base + "clinical-code",
            "system|code or code, comma-separated for OR (MDC, LOINC or SNOMED CT codes of cloud/README.md \"Observations\"); at most once."),
        new FhirSearchParameter("date", SearchParamType.Date, Base + "clinical-date",
            "The effective time, with prefix ge, gt, le or lt and a date (UK civil day) or a dateTime with offset; repeat for a range.", Repeatable: true),
    }, new[] { "date" });

    /// <summary>GET /fhir/DetectedIssue: the current revisions of one patient's alerts.</summary>
    public static FhirResourceSearch DetectedIssue { get; } = new("DetectedIssue", new[] { s_patient }, System.Array.Empty<string>());
}
