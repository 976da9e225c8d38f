using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dorset.Telehealth.Cloud.Tests.Fixtures;

/// <summary>The cloud in-process (WebApplicationFactory) on one store, with registry helpers for tests.</summary>
public sealed class CloudApp : IAsyncDisposable
{
    private static int s_names;
    private readonly WebApplicationFactory<Program> _factory;

    /// <summary>Starts the app with the given store and limits.</summary>
    public CloudApp(Action<CloudStoreOptions> store, Action<IngestionOptions>? limits = null, Action<IServiceCollection>? services = null)
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.ConfigureLogging(l => l.ClearProviders());
            b.ConfigureServices(s =>
            {
                s.PostConfigure(store);
                if (limits != null)
                {
                    s.PostConfigure(limits);
                }

                services?.Invoke(s);
            });
        });
        Client = _factory.CreateClient();
        Fhir = _factory.CreateClient();
    }

    /// <summary>A client of the app (no credential).</summary>
    public HttpClient Client { get; }

    /// <summary>A client of the app holding a FHIR reader's secret (see <see cref="AuthoriseFhirAsync"/>).</summary>
    public HttpClient Fhir { get; }

    /// <summary>Registers a FHIR reader and gives <see cref="Fhir"/> its secret; returns the secret.</summary>
    public async Task<string> AuthoriseFhirAsync()
    {
        string secret = BearerSecret.New(BearerSecret.ReaderPrefix);
        await Store.AddReaderAsync(Unique("reader"), "Test clinician", BearerSecret.Hash(secret));
        Fhir.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return secret;
    }

    /// <summary>The app's store.</summary>
    public ICloudStore Store => _factory.Services.GetRequiredService<ICloudStore>();

    /// <summary>Where the app's store is (for <see cref="CloudDatabase"/>).</summary>
    public CloudStoreOptions StoreOptions => _factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CloudStoreOptions>>().Value;

    /// <summary>The app's services (its route table, for one).</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>A name unique in this test run, for ids that must not collide between tests sharing a store.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Environment.ProcessId}-{Interlocked.Increment(ref s_names)}";

    /// <summary>Registers a gateway for <paramref name="hub"/> and returns its id and secret.</summary>
    public async Task<(string Id, string Secret)> AddGatewayAsync(string hub)
    {
        string id = Unique("gw");
        string secret = BearerSecret.New(BearerSecret.GatewayPrefix);
        await Store.AddGatewayAsync(id, hub, BearerSecret.Hash(secret));
        return (id, secret);
    }

    /// <summary>Registers a patient with a fresh valid NHS number.</summary>
    public async Task<string> AddPatientAsync(string name = "Test Patient")
    {
        string nhs = NhsNumbers.Next();
        await Store.AddPatientAsync(nhs, name);
        return nhs;
    }

    /// <summary>POSTs <paramref name="body"/> to the batch endpoint with <paramref name="secret"/> (none when null).</summary>
    /// <param name="withoutLength">Send no Content-Length, as a chunked upload does, so the server must count.</param>
    /// <param name="path">The batch endpoint: readings unless told.</param>
    public Task<HttpResponseMessage> PostBatchAsync(string? secret, string body, string contentType = "application/json", bool withoutLength = false,
        string path = "/api/v1/readings/batch")
    {
        HttpContent content = withoutLength ? new UnknownLengthContent(Encoding.UTF8.GetBytes(body)) : new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (secret != null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return Client.SendAsync(request);
    }

    /// <summary>POSTs a batch of <paramref name="readings"/> and returns the status and parsed body.</summary>
    public async Task<(int Status, JsonObject? Body)> PostAsync(string? secret, string? gatewayId, params JsonObject[] readings)
    {
        using HttpResponseMessage response = await PostBatchAsync(secret, Batches.Body(gatewayId, readings));
        string text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject);
    }

    /// <summary>POSTs a batch of <paramref name="alerts"/> to the alerts endpoint and returns the status and parsed body.</summary>
    public async Task<(int Status, JsonObject? Body)> PostAlertsAsync(string? secret, string? gatewayId, params JsonObject[] alerts)
    {
        using HttpResponseMessage response = await PostBatchAsync(secret, Alerts.Body(gatewayId, alerts), path: Alerts.Path);
        string text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Fhir.Dispose();
        await _factory.DisposeAsync();
    }
}

/// <summary>Valid NHS numbers for tests: nine random digits plus the modulus-11 check digit.</summary>
public static class NhsNumbers
{
    /// <summary>A fresh valid NHS number.</summary>
    public static string Next()
    {
        while (true)
        {
            var digits = new int[9];
            int sum = 0;
            for (int i = 0; i < 9; i++)
            {
                digits[i] = Random.Shared.Next(i == 0 ? 1 : 0, 10);
                sum += digits[i] * (10 - i);
            }

            int check = (11 - (sum % 11)) % 11;
            if (check != 10)
            {
                return string.Concat(Array.ConvertAll(digits, d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + check.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}

/// <summary>
/// Batch JSON exactly as cloud/README.md documents it, built independently of the cloud's own types, so these tests
/// check the contract rather than the implementation.
/// </summary>
public static class Batches
{
    /// <summary>The canonical key (README "The reading key").</summary>
    public static string Key(string unit, long outboxSequence, string address, long? deviceSequence, string? deviceTime) =>
        $"{unit}/{outboxSequence}/{address}/" + (deviceSequence.HasValue ? "s" + deviceSequence.Value : deviceTime != null ? "t" + deviceTime : "-");

    /// <summary>A request body.</summary>
    public static string Body(string? gatewayId, params JsonObject[] readings) => Envelope("readings", gatewayId, readings);

    /// <summary>A batch body of either contract: <paramref name="items"/> under <paramref name="array"/>, and the optional gatewayId.</summary>
    public static string Envelope(string array, string? gatewayId, JsonObject[] items)
    {
        var list = new JsonArray();
        foreach (JsonObject item in items)
        {
            list.Add(item.DeepClone());
        }

        var body = new JsonObject { [array] = list };
        if (gatewayId != null)
        {
            body["gatewayId"] = gatewayId;
        }

        return body.ToJsonString();
    }

    /// <summary>A reading with every required field; <paramref name="values"/> as (name, value, unit).</summary>
    public static JsonObject Reading(string unit, long outboxSequence, string kind, string deviceKind, string address, long? deviceSequence,
        string? deviceTime, (string Name, string Value, string Unit)[] values, bool clockSynchronised = true,
        string receivedAt = "2026-11-24T08:17:03Z", string gatewayReceivedAt = "2026-11-24T08:17:04.120Z", params string[] flags)
    {
        var valueArray = new JsonArray();
        foreach (var v in values)
        {
            valueArray.Add(new JsonObject { ["name"] = v.Name, ["value"] = v.Value, ["unit"] = v.Unit });
        }

        var flagArray = new JsonArray();
        foreach (string f in flags)
        {
            flagArray.Add(f);
        }

        return new JsonObject
        {
            ["key"] = Key(unit, outboxSequence, address, deviceSequence, deviceTime),
            ["unitId"] = unit,
            ["outboxSequence"] = outboxSequence,
            ["device"] = new JsonObject { ["address"] = address, ["slot"] = 0, ["kind"] = deviceKind },
            ["deviceSequence"] = deviceSequence,
            ["kind"] = kind,
            ["values"] = valueArray,
            ["flags"] = flagArray,
            ["deviceTime"] = deviceTime,
            ["receivedAt"] = receivedAt,
            ["clockSynchronised"] = clockSynchronised,
            ["gatewayReceivedAt"] = gatewayReceivedAt,
        };
    }

    /// <summary>A glucose reading in mmol/L from a meter with a sequence number.</summary>
    public static JsonObject Glucose(string unit, long seq, string mmol = "5.4", string deviceTime = "2026-11-24T08:15:00", long? deviceSequence = null,
        bool clockSynchronised = true, string receivedAt = "2026-11-24T08:17:03Z", string gatewayReceivedAt = "2026-11-24T08:17:04.120Z", params string[] flags)
    {
        JsonObject r = Reading(unit, seq, "glucose", "glucose-meter", "C0:26:DA:01:02:03", deviceSequence ?? seq + 1000, deviceTime,
            new[] { ("glucose", mmol, "mmol/L") }, clockSynchronised, receivedAt, gatewayReceivedAt, flags);
        r["glucose"] = new JsonObject { ["sampleType"] = "capillary-whole-blood", ["sampleLocation"] = "finger" };
        return r;
    }

    /// <summary>An SpO2 + pulse reading from an oximeter without sequence numbers.</summary>
    public static JsonObject Oximetry(string unit, long seq, string spo2 = "96", string pulse = "72", string deviceTime = "2026-07-01T07:02:11",
        string receivedAt = "2026-07-01T06:03:00Z", string gatewayReceivedAt = "2026-07-01T06:03:01Z") =>
        Reading(unit, seq, "pulse-oximetry", "pulse-oximeter", "00:1B:DC:44:55:66", null, deviceTime,
            new[] { ("spo2", spo2, "%"), ("pulse", pulse, "/min") }, true, receivedAt, gatewayReceivedAt);

    /// <summary>A weight reading.</summary>
    public static JsonObject Weight(string unit, long seq, string kg = "82.35", string deviceTime = "2026-11-24T07:30:00") =>
        Reading(unit, seq, "weight", "weight-scale", "D4:36:39:AA:BB:CC", null, deviceTime, new[] { ("weight", kg, "kg") });

    /// <summary>A blood-pressure reading with MAP and pulse.</summary>
    public static JsonObject BloodPressure(string unit, long seq, string sys = "128", string dia = "82", string map = "97", string pulse = "64") =>
        Reading(unit, seq, "blood-pressure", "blood-pressure-monitor", "A0:E6:F8:11:22:33", seq, "2026-11-24T09:00:00",
            new[] { ("systolic", sys, "mmHg"), ("diastolic", dia, "mmHg"), ("map", map, "mmHg"), ("pulse", pulse, "/min") });

    /// <summary>The string items of <paramref name="body"/>[<paramref name="list"/>].</summary>
    public static string[] Keys(JsonObject body, string list)
    {
        JsonArray array = body[list]!.AsArray();
        var keys = new string[array.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = array[i] is JsonObject o ? o["key"]!.GetValue<string>() : array[i]!.GetValue<string>();
        }

        return keys;
    }
}
