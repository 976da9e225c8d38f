using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dorset.Telehealth.Cloud.Tests.Smart;

/// <summary>A cloud on a fake clock, with a patient who has readings, and a registered SMART client holding <see cref="Key"/>.</summary>
public sealed class SmartTestApp : IAsyncDisposable
{
    /// <summary>The token endpoint as the test server is addressed (WebApplicationFactory's http://localhost).</summary>
    public const string TokenUrl = "http://localhost/auth/token";

    private SmartTestApp(CloudApp app, FakeTimeProvider time, SmartClientKey key, string clientId, string nhs)
    {
        App = app;
        Time = time;
        Key = key;
        ClientId = clientId;
        Nhs = nhs;
    }

    /// <summary>The cloud.</summary>
    public CloudApp App { get; }

    /// <summary>The cloud's clock.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The registered client's key pair.</summary>
    public SmartClientKey Key { get; }

    /// <summary>The registered client's id.</summary>
    public string ClientId { get; }

    /// <summary>A patient with a glucose reading.</summary>
    public string Nhs { get; }

    /// <summary>Starts a cloud on <paramref name="store"/> whose clock is <paramref name="time"/>.</summary>
    public static CloudApp Start(Action<CloudStoreOptions> store, FakeTimeProvider time) =>
        new(store, services: s => s.AddSingleton<TimeProvider>(time));

    /// <summary>Starts the cloud, stores a reading of a new patient, registers a client allowed <paramref name="allowedScopes"/>.</summary>
    public static async Task<SmartTestApp> CreateAsync(Action<CloudStoreOptions> store, string allowedScopes, SmartClientKey? key = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        CloudApp app = Start(store, time);
        var (_, _, gw, secret, nhs, unit) = await ArrangeAsync(app);
        await app.PostAsync(secret, gw, Batches.Glucose(unit, 1));
        key ??= SmartClientKey.Rsa();
        string clientId = CloudApp.Unique("client");
        await app.Store.AddSmartClientAsync(clientId, "Dorset Care Record", key.Jwks, allowedScopes, time.GetUtcNow());
        return new SmartTestApp(app, time, key, clientId, nhs);
    }

    /// <summary>A fresh assertion of the client, issued now by the cloud's clock.</summary>
    public string Assertion(TimeSpan? lifetime = null) => Key.Assertion(ClientId, TokenUrl, Time.GetUtcNow(), lifetime);

    /// <summary>POSTs a token request to this cloud; returns the status and the JSON body.</summary>
    public Task<(int Status, JsonObject Body, HttpResponseMessage Response)> RequestTokenAsync(string assertion, string scope) =>
        RequestTokenAsync(App.Client, assertion, scope);

    /// <summary>POSTs a token request as SMART Backend Services prescribes, to the cloud <paramref name="client"/> talks to.</summary>
    public static async Task<(int Status, JsonObject Body, HttpResponseMessage Response)> RequestTokenAsync(HttpClient client, string assertion, string scope)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
            ["scope"] = scope,
        });
        HttpResponseMessage response = await client.PostAsync("/auth/token", form);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject(), response);
    }

    /// <summary>A token for <paramref name="scope"/>, asserting the request succeeded.</summary>
    public async Task<string> TokenAsync(string scope)
    {
        var (status, body, _) = await RequestTokenAsync(Assertion(), scope);
        Assert.True(status == 200, body.ToJsonString());
        return body["access_token"]!.GetValue<string>();
    }

    /// <summary>GETs <paramref name="path"/> with <paramref name="token"/> as the bearer.</summary>
    public async Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await App.Client.SendAsync(request);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Key.Dispose();
        await App.DisposeAsync();
    }

    private static async Task<(CloudApp, string, string, string, string, string)> ArrangeAsync(CloudApp app)
    {
        string hub = CloudApp.Unique("hub");
        (string id, string secret) = await app.AddGatewayAsync(hub);
        string nhs = await app.AddPatientAsync();
        string unit = CloudApp.Unique("unit");
        await app.Store.AssignUnitAsync(unit, nhs, DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), hub);
        return (app, hub, id, secret, nhs, unit);
    }
}
