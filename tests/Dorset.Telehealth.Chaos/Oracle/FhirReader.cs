using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Chaos.Oracle;

/// <summary>Reads the resources of the given patients from the cloud's FHIR API, following the paging links.</summary>
public static class FhirReader
{
    /// <summary>The identifier system of resources the cloud makes from hub alerts (cloud/README.md "Alerts in FHIR").</summary>
    public const string AlertIdSystem = "https://dorset-telehealth.nhs.uk/Id/alert";

    public static async Task<List<CloudObservation>> ReadAsync(string cloudUrl, string readerSecret, IEnumerable<string> patients, CancellationToken cancel) =>
        (await SearchAsync(cloudUrl, readerSecret, "Observation", patients, cancel)).Select(Read).OfType<CloudObservation>().ToList();

    /// <summary>Every <paramref name="resourceType"/> the cloud serves for the given patients, as served.</summary>
    public static async Task<List<JsonElement>> SearchAsync(string cloudUrl, string readerSecret, string resourceType, IEnumerable<string> patients, CancellationToken cancel)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", readerSecret);
        var result = new List<JsonElement>();
        foreach (string patient in patients)
        {
            string? url = $"{cloudUrl}/fhir/{resourceType}?patient={patient}&_count=500";
            while (url != null)
            {
                using var doc = JsonDocument.Parse(await http.GetStringAsync(url, cancel));
                JsonElement bundle = doc.RootElement;
                if (bundle.TryGetProperty("entry", out JsonElement entries))
                {
                    result.AddRange(entries.EnumerateArray().Select(e => e.GetProperty("resource").Clone()));
                }

                url = bundle.GetProperty("link").EnumerateArray().Where(l => l.GetProperty("relation").GetString() == "next")
                    .Select(l => l.GetProperty("url").GetString()).FirstOrDefault();
            }
        }

        return result;
    }

    /// <summary>
    /// One reading's Observation, or null for the pulse that accompanies an SpO2 or BP reading (same reading key +
    /// "#pulse") and for a partial NEWS2 the hub's alerting derived from readings (identified by its alert id).
    /// </summary>
    private static CloudObservation? Read(JsonElement o)
    {
        JsonElement identifier = o.GetProperty("identifier")[0];
        string key = identifier.GetProperty("value").GetString()!;
        if (key.EndsWith("#pulse", StringComparison.Ordinal) || identifier.GetProperty("system").GetString() == AlertIdSystem)
        {
            return null;
        }

        string[] parts = key.Split('/');
        string[] loinc = o.GetProperty("code").GetProperty("coding").EnumerateArray()
            .Where(c => c.GetProperty("system").GetString() == "http://loinc.org").Select(c => c.GetProperty("code").GetString()!).ToArray();
        decimal? value = null;
        string? unit = null;
        if (o.TryGetProperty("valueQuantity", out JsonElement q))
        {
            value = q.GetProperty("value").GetDecimal();
            unit = q.GetProperty("code").GetString();
        }

        return new CloudObservation(parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture), parts[2], parts[3],
            o.GetProperty("subject").GetProperty("identifier").GetProperty("value").GetString()!, loinc, value, unit,
            o.GetProperty("effectiveDateTime").GetString()!, DateTimeOffset.Parse(o.GetProperty("issued").GetString()!, CultureInfo.InvariantCulture), Meal(o),
            Extension(o, EffectiveSourceExtension, "valueCode"), Extension(o, DeviceReportedTimeExtension, "valueString"));
    }

    private const string EffectiveSourceExtension = "https://dorset-telehealth.nhs.uk/fhir/StructureDefinition/effective-time-source";
    private const string DeviceReportedTimeExtension = "https://dorset-telehealth.nhs.uk/fhir/StructureDefinition/device-reported-time";

    /// <summary>The value of the Observation's extension <paramref name="url"/> (cloud/README.md, on effectiveDateTime), or null.</summary>
    private static string? Extension(JsonElement o, string url, string valueField) =>
        o.TryGetProperty("extension", out JsonElement extensions)
            ? extensions.EnumerateArray().Where(e => e.GetProperty("url").GetString() == url)
                .Select(e => e.GetProperty(valueField).GetString()).FirstOrDefault()
            : null;

    /// <summary>The text of the glucose context's meal component (cloud/README.md "Glucose context in FHIR"), or null.</summary>
    private static string? Meal(JsonElement o) =>
        o.TryGetProperty("component", out JsonElement components)
            ? components.EnumerateArray()
                .Where(c => c.GetProperty("code").GetProperty("coding").EnumerateArray().Any(k =>
                    k.GetProperty("system").GetString() == "https://dorset-telehealth.nhs.uk/fhir/CodeSystem/glucose-context" && k.GetProperty("code").GetString() == "meal"))
                .Select(c => c.GetProperty("valueCodeableConcept").GetProperty("text").GetString())
                .FirstOrDefault()
            : null;
}
