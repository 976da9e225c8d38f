using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Chaos.Oracle;
using Dorset.Telehealth.UkCoreValidation;
using Hl7.Fhir.Model;

namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>
/// What a pipeline's cloud serves for its patients (every Observation, every DetectedIssue, each Patient), validated by
/// the Firely validator against UK Core (issue 16 §1): the resources as a care record system would read them after a
/// real run, not only the ones the cloud tests build.
/// </summary>
public static class ServedUkCore
{
    private const string UkCorePrefix = "https://fhir.hl7.org.uk/StructureDefinition/";

    /// <summary>
    /// Reads and validates them, fails with every error-level issue if any has one, and otherwise returns the count
    /// validated per kind (the UK Core profile claimed, or the resource type where none is).
    /// </summary>
    public static async Task<SortedDictionary<string, int>> AssertValidAsync(string cloudUrl, string readerSecret, IReadOnlyList<string> patients, CancellationToken cancel)
    {
        var served = new List<JsonElement>();
        served.AddRange(await FhirReader.SearchAsync(cloudUrl, readerSecret, "Observation", patients, cancel));
        served.AddRange(await FhirReader.SearchAsync(cloudUrl, readerSecret, "DetectedIssue", patients, cancel));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", readerSecret);
        foreach (string patient in patients)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync($"{cloudUrl}/fhir/Patient/{patient}", cancel));
            served.Add(doc.RootElement.Clone());
        }

        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (JsonElement resource in served)
        {
            string kind = KindOf(resource);
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            string json = resource.GetRawText();
            OperationOutcome outcome = UkCoreValidator.Shared.Validate(json);
            if (outcome.Issue.Any(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal))
            {
                failures.Add(kind + ": " + json + Environment.NewLine + UkCoreValidator.Describe(outcome));
            }
        }

        // The first few in full: one broken mapping would otherwise repeat the same issue for every reading.
        Assert.True(failures.Count == 0, $"{failures.Count} of {served.Count} served resources fail UK Core validation:{Environment.NewLine}"
            + string.Join(Environment.NewLine, failures.Take(3)));
        return counts;
    }

    /// <summary>One line for a test's output: the count validated per kind.</summary>
    public static string Describe(SortedDictionary<string, int> counts) =>
        $"UK Core validation, 0 errors over {counts.Values.Sum()} served resources: " + string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));

    private static string KindOf(JsonElement resource) =>
        resource.TryGetProperty("meta", out JsonElement meta) && meta.TryGetProperty("profile", out JsonElement profiles)
            ? profiles[0].GetString()!.Replace(UkCorePrefix, string.Empty, StringComparison.Ordinal)
            : resource.GetProperty("resourceType").GetString()!;
}
