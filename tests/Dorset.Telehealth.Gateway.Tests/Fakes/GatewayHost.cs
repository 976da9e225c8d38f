using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>
/// The real gateway host in-process (WebApplicationFactory over Program) with its own data dir and loopback MQTT
/// ports: the embedded broker listens for real, so tests use real MQTT clients against it.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly TempDirectory? _ownedDir;

    public GatewayHost(Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null, string? dataDir = null)
    {
        if (dataDir == null)
        {
            _ownedDir = new TempDirectory();
            dataDir = _ownedDir.Path;
        }

        DataDir = dataDir;
        MqttPort = FreePort.Next();
        MqttsPort = FreePort.Next();
        var all = new Dictionary<string, string?>
        {
            ["GatewayOptions:DataDir"] = dataDir,
            ["BrokerOptions:PlainPort"] = MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BrokerOptions:TlsPort"] = MqttsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BrokerOptions:TlsBindAddress"] = "127.0.0.1",
            ["BrokerOptions:MaxFailedLoginDelayMilliseconds"] = "300",
            ["GatewayOptions:MinimumFreeDiskBytes"] = "0",
            ["GpioOptions:PinMapPath"] = "",
            ["ForwardingOptions:IdleDelayMilliseconds"] = "100",
        };
        if (settings != null)
        {
            foreach (var pair in settings)
            {
                all[pair.Key] = pair.Value;
            }
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var pair in all)
            {
                builder.UseSetting(pair.Key, pair.Value);
            }

            if (services != null)
            {
                builder.ConfigureServices(services);
            }
        });
        // Creating the client builds and starts the host (and so the broker).
        Http = _factory.CreateClient();
    }

    /// <summary>A client that keeps no cookies: the test sends the ones it chooses.</summary>
    public HttpClient NewClientWithoutCookies() =>
        _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>A client with its own cookie jar, like one browser; redirects are not followed unless asked.</summary>
    public HttpClient NewBrowser(bool followRedirects = false) =>
        _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true });

    public string DataDir { get; }

    public int MqttPort { get; }

    public int MqttsPort { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _factory.Services;

    public UnitRegistry Units => Services.GetRequiredService<UnitRegistry>();

    public ReadingStore Readings => Services.GetRequiredService<ReadingStore>();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _ownedDir?.Dispose();
    }
}
