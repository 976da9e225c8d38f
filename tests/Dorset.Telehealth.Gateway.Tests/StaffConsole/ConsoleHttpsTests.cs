using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole;

/// <summary>
/// Beyond loopback the console listens only over HTTPS with the hub certificate (issue 11 "Technology"): the real
/// gateway process refuses a plain-HTTP listener on the hub network in one line, and over HTTPS presents a certificate
/// that the hub CA (the file units are flashed with) verifies, with Secure session cookies.
/// </summary>
public sealed class ConsoleHttpsTests
{
    [Theory]
    [InlineData("http://0.0.0.0:{0}")]
    [InlineData("http://*:{0}")]
    [InlineData("http://127.0.0.1:{0};http://192.168.1.20:{0}")]
    public async Task PlainHttpBeyondLoopback_IsRefusedAtStart_InOneLine(string urls)
    {
        using var dir = new TempDirectory();
        string listeners = string.Format(System.Globalization.CultureInfo.InvariantCulture, urls, FreePort.Next());

        var (code, stdout, stderr) = await GatewayProcess.RunAsync("--data-dir", dir.Path, "--mqtt-port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--mqtts-port", "0", "--urls", listeners, "--GpioOptions:PinMapPath=");

        Assert.Equal(2, code);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("gateway not started: listener 'http://", line, StringComparison.Ordinal);
        Assert.Contains("in clear", line, StringComparison.Ordinal);
        // Refused before anything starts: no stack in the log, no setup link to a console that never came up.
        Assert.DoesNotContain("   at ", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("/setup?token=", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--mqtt-port", "abc", "Failed to convert configuration value 'abc' at 'BrokerOptions:PlainPort'")]
    [InlineData("--AlertingOptions:ClockRulesIntervalSeconds", "0", "ClockRulesIntervalSeconds must be between 1 and 3600")]
    public async Task ABadSetting_IsRefusedAtStart_InOneLineNamingIt(string option, string value, string named)
    {
        using var dir = new TempDirectory();

        var (code, stdout, stderr) = await GatewayProcess.RunAsync("--data-dir", dir.Path, "--mqtts-port", "0", "--urls", $"http://127.0.0.1:{FreePort.Next()}",
            "--GpioOptions:PinMapPath=", option, value);

        Assert.Equal(2, code);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("https://0.0.0.0:5443", true)]
    [InlineData("https://*:5443", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://hub.local:5080", false)]
    [InlineData("127.0.0.1:5080", false)]
    public void ListenerPolicy_AllowsPlainHttpOnLoopbackOnly(string url, bool allowed) =>
        Assert.Equal(allowed, Gateway.StaffConsole.ConsoleListenerPolicy.Problem(url) == null);

    [Fact]
    public async Task OverHttps_TheConsoleHasTheHubCertificate_AndItsSessionCookieIsSecure()
    {
        using var dir = new TempDirectory();
        int httpPort = FreePort.Next(), httpsPort = FreePort.Next();
        var (added, stdout, _) = await GatewayProcess.RunWithInputAsync("correct horse battery\n", "users", "add", "--name", "nurse.jones", "--role", "staff", "--password-stdin", "--data-dir", dir.Path);
        Assert.True(added == 0, stdout);
        using var gateway = await GatewayProcess.StartServiceAsync(dir.Path, FreePort.Next(), httpPort, "--urls", $"http://127.0.0.1:{httpPort};https://127.0.0.1:{httpsPort}");
        using var hubCa = X509CertificateLoader.LoadCertificateFromFile(HubCertificate.CaPath(dir.Path));
        X509Certificate2? presented = null;
        using var handler = new HttpClientHandler
        {
            UseCookies = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                presented = X509CertificateLoader.LoadCertificate(certificate!.RawData);
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(hubCa);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(presented);
            },
        };
        using var https = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{httpsPort}") };

        // Kestrel binds its listeners one by one: /health on the first says nothing about the second.
        await gateway.WaitForOutputAsync($"Now listening on: https://127.0.0.1:{httpsPort}", TimeSpan.FromSeconds(30));
        var login = await https.PostAsJsonAsync("/api/session", new { name = "nurse.jones", password = "correct horse battery" });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.NotNull(presented);
        Assert.Equal(hubCa.Subject, presented!.Issuer);
        string cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dorset-console=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
