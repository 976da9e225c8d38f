using System;
using System.Collections.Generic;
using System.IO;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dorset.Telehealth.Console.Tests;

/// <summary>
/// The gateway in this process, on real Kestrel and a real broker, with a fake clock: for the scenarios in which time
/// must pass (an idle session expiring, a lockout ending) without a test waiting for it.
/// </summary>
public sealed class InProcessConsole : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "dorset-console-" + Guid.NewGuid().ToString("N"));
    private readonly WebApplicationFactory<Program> _factory;

    private InProcessConsole()
    {
        int httpPort = FreePort.Next();
        MqttPort = FreePort.Next();
        Time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?>
        {
            ["GatewayOptions:DataDir"] = _dataDir,
            ["GatewayOptions:MinimumFreeDiskBytes"] = "0",
            ["BrokerOptions:PlainPort"] = MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BrokerOptions:TlsPort"] = "0",
            ["GpioOptions:PinMapPath"] = "",
            ["urls"] = $"http://127.0.0.1:{httpPort}",
        };
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var pair in settings)
            {
                builder.UseSetting(pair.Key, pair.Value);
            }

            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
        });
        _factory.UseKestrel();
        _factory.StartServer();
        Url = $"http://127.0.0.1:{httpPort}";
    }

    public FakeTimeProvider Time { get; }

    public string Url { get; }

    public int MqttPort { get; }

    public static InProcessConsole Start() => new();

    /// <summary>Adds a console account.</summary>
    public void AddUser(string name, string role, string password) =>
        Assert.Null(_factory.Services.GetRequiredService<HubUserStore>().Add(name, role, password, "test", Time.GetUtcNow()));

    /// <summary>Registers a unit for <paramref name="patientRef"/>; its secret.</summary>
    public string AddUnit(string unitId, string patientRef) => _factory.Services.GetRequiredService<UnitRegistry>().Add(unitId, patientRef);

    public void Dispose()
    {
        _factory.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
