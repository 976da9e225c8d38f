using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Dorset.Telehealth.Cloud.Registry;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>
/// The parameters of one search, read from the raw query string as FHIR defines them (names are case-sensitive;
/// ASP.NET's query collection folds case and keeps every repeat). What a proxy in front would read is what is served:
/// exactly one patient, never one of several; a parameter given twice that is not repeatable is refused; a parameter
/// the search does not honour is left out (and out of the Bundle's links), or refused under `Prefer: handling=strict`.
/// </summary>
public sealed class FhirQuery
{
    private readonly List<KeyValuePair<string, string>> _applied;

    private FhirQuery(string patientNhs, List<KeyValuePair<string, string>> applied, string? sort)
    {
        PatientNhs = patientNhs;
        _applied = applied;
        Sort = sort;
    }

    /// <summary>The search's one patient.</summary>
    public string PatientNhs { get; }

    /// <summary>The `_sort` key honoured (`date` or `-date`), or null for the storage order.</summary>
    public string? Sort { get; }

    /// <summary>The parameters honoured, in request order: the only ones the Bundle's links repeat.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Applied => _applied;

    /// <summary>The values of an honoured parameter, in request order.</summary>
    public IEnumerable<string> All(string name) => _applied.Where(p => p.Key == name).Select(p => p.Value);

    /// <summary>The value of an honoured parameter that is not repeatable, or null.</summary>
    public string? Single(string name) => All(name).FirstOrDefault();

    /// <summary>An integer result parameter of at least <paramref name="minimum"/>, or <paramref name="fallback"/> when absent; false when malformed.</summary>
    public bool TryInteger(string name, int fallback, int minimum, out int value)
    {
        value = fallback;
        return Single(name) is not string text
            || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= minimum);
    }

    /// <summary>Reads the request's query for <paramref name="search"/>; false with the 400 OperationOutcome to answer.</summary>
    public static bool TryRead(HttpRequest request, FhirResourceSearch search, out FhirQuery query, out ContentHttpResult? refusal)
    {
        query = null!;
        refusal = null;
        bool strict = IsStrict(request);
        List<KeyValuePair<string, string>> given = Parse(request.QueryString.Value);

        // Any spelling of patient or subject, with any modifier, counts: a search names one patient or is refused.
        var patients = given.Where(p => IsPatientLike(p.Key)).ToList();
        if (patients.Count != 1)
        {
            refusal = patients.Count == 0
                ? FhirSearch.Outcome(400, OperationOutcome.IssueType.Required, "the patient parameter is required (an NHS number): patient data is only served per patient")
                : FhirSearch.Outcome(400, OperationOutcome.IssueType.Invalid,
                    $"one patient per search: {string.Join(", ", patients.Select(p => p.Key))} given together; a search never serves one of several");
            return false;
        }

        if (!search.PatientParameters.Contains(patients[0].Key, StringComparer.Ordinal))
        {
            refusal = FhirSearch.Outcome(400, OperationOutcome.IssueType.NotSupported,
                $"'{patients[0].Key}' is not a parameter of {search.Type} search: give one patient as {string.Join(" or ", search.PatientParameters)}");
            return false;
        }

        if (!TryNhs(patients[0].Value, out string nhs, out string why))
        {
            refusal = FhirSearch.Outcome(400, OperationOutcome.IssueType.Value, $"{patients[0].Key}: {why}");
            return false;
        }

        var applied = new List<KeyValuePair<string, string>>();
        string? sort = null;
        foreach (KeyValuePair<string, string> p in given)
        {
            FhirSearchParameter? parameter = search.Parameters.FirstOrDefault(d => d.Name == p.Key);
            bool honoured = parameter != null || p.Key is "_count" or "_offset" || (p.Key == "_sort" && IsSortKey(search, p.Value));
            if (!honoured)
            {
                if (strict)
                {
                    string what = p.Key == "_sort" ? $"'_sort' value '{p.Value}'" : $"'{p.Key}'";
                    refusal = FhirSearch.Outcome(400, OperationOutcome.IssueType.NotSupported,
                        $"{what} is not supported by {search.Type} search (Prefer: handling=strict); supported: {string.Join(", ", Supported(search))}");
                    return false;
                }

                continue;
            }

            if (parameter?.Repeatable != true && applied.Any(a => a.Key == p.Key))
            {
                refusal = FhirSearch.Outcome(400, OperationOutcome.IssueType.Invalid, $"'{p.Key}' given more than once; it may appear once");
                return false;
            }

            sort = p.Key == "_sort" ? p.Value : sort;
            applied.Add(p);
        }

        query = new FhirQuery(nhs, applied, sort);
        return true;
    }

    /// <summary>Whether the request asks for `handling=strict` (RFC 7240 Prefer, as FHIR R4 http.html uses it).</summary>
    private static bool IsStrict(HttpRequest request) =>
        request.Headers["Prefer"].SelectMany(v => (v ?? string.Empty).Split(',', ';'))
            .Any(t => string.Equals(t.Trim().Replace(" ", string.Empty, StringComparison.Ordinal), "handling=strict", StringComparison.OrdinalIgnoreCase));

    private static bool IsPatientLike(string name)
    {
        int colon = name.IndexOf(':', StringComparison.Ordinal);
        string bare = colon >= 0 ? name[..colon] : name;
        return bare.Equals("patient", StringComparison.OrdinalIgnoreCase) || bare.Equals("subject", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsSortKey(FhirResourceSearch search, string value) =>
        search.SortKeys.Contains(value.StartsWith('-') ? value[1..] : value, StringComparer.Ordinal);

    private static IEnumerable<string> Supported(FhirResourceSearch search) =>
        search.Parameters.Select(p => p.Name).Concat(new[] { "_count", "_offset" })
            .Concat(search.SortKeys.Count > 0 ? new[] { "_sort=" + string.Join("|", search.SortKeys.SelectMany(k => new[] { k, "-" + k })) } : Array.Empty<string>());

    /// <summary>The NHS number of a patient value: a number, `Patient/N` or `https://fhir.nhs.uk/Id/nhs-number|N`.</summary>
    private static bool TryNhs(string value, out string nhs, out string why)
    {
        nhs = string.Empty;
        if (value.Contains(',', StringComparison.Ordinal))
        {
            why = "one patient per search, not a list";
            return false;
        }

        string text = value.StartsWith("Patient/", StringComparison.Ordinal) ? value["Patient/".Length..] : value;
        int bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar >= 0)
        {
            if (bar > 0 && text[..bar] != NhsNumber.System)
            {
                why = $"the identifier system must be {NhsNumber.System}";
                return false;
            }

            text = text[(bar + 1)..];
        }

        return NhsNumber.TryNormalise(text, out nhs, out why);
    }

    /// <summary>name=value pairs in order, percent- and plus-decoded; a name without '=' has the empty value.</summary>
    private static List<KeyValuePair<string, string>> Parse(string? queryString)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        string text = queryString is { Length: > 0 } && queryString[0] == '?' ? queryString[1..] : queryString ?? string.Empty;
        foreach (string part in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            string name = Decode(eq >= 0 ? part[..eq] : part);
            string value = eq >= 0 ? Decode(part[(eq + 1)..]) : string.Empty;
            pairs.Add(new KeyValuePair<string, string>(name, value));
        }

        return pairs;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
