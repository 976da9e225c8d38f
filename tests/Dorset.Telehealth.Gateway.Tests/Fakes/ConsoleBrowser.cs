using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>
/// The console as a browser without a screen sees it: HTML pages, the antiforgery token of each form, cookies. The
/// real-browser tests (Playwright) come with the console's pages; this drives the same server in process.
/// </summary>
public sealed partial class ConsoleBrowser : IDisposable
{
    private readonly HttpClient _http;

    public ConsoleBrowser(GatewayHost host)
    {
        _http = host.NewBrowser();
    }

    public Task<(HttpStatusCode Status, string Html, string? Location)> GetAsync(string path) => SendAsync("GET", path);

    /// <summary>A request with <paramref name="method"/> and an empty form body where the method takes one.</summary>
    public async Task<(HttpStatusCode Status, string Html, string? Location)> SendAsync(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string>());
        }

        using HttpResponseMessage response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.ToString());
    }

    /// <summary>The whole answer (headers, bytes), for a download; the caller disposes it.</summary>
    public Task<HttpResponseMessage> GetResponseAsync(string path) => _http.GetAsync(path);

    /// <summary>Posts a form from <paramref name="pagePath"/>, with the page's antiforgery token unless told not to.</summary>
    public async Task<(HttpStatusCode Status, string Html, string? Location)> PostFormAsync(string pagePath, string action, IDictionary<string, string> fields, bool withToken = true)
    {
        var form = new Dictionary<string, string>(fields);
        if (withToken)
        {
            var (_, html, _) = await GetAsync(pagePath);
            form["__RequestVerificationToken"] = Token().Match(html).Groups[1].Value;
        }

        using HttpResponseMessage response = await _http.PostAsync(action, new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.ToString());
    }

    public Task<(HttpStatusCode Status, string Html, string? Location)> LoginAsync(string name, string password) =>
        PostFormAsync("/login", "/login", new Dictionary<string, string> { ["name"] = name, ["password"] = password });

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
