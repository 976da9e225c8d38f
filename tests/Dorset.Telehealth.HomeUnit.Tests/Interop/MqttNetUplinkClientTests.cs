using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using System;
using Dorset.Telehealth.Emulator.Host;
using Dorset.Telehealth.HomeUnit.Uplink;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.HomeUnit.Tests.Interop;

/// <summary>
/// The emulator's uplink under the conditions that once killed a unit with MQTTnet's "Not allowed to connect while
/// connect/disconnect is pending": connects that overlap, and connects while the broker has just gone.
/// </summary>
public sealed class MqttNetUplinkClientTests
{
    private const string Unit = "unit-0001";
    private const string Secret = "unit-0001-secret-0123";

    [Fact]
    public async Task ConnectsFromManyThreadsAtOnce_NeverThrow_AndLeaveOneSession()
    {
        using var broker = await MosquittoBroker.StartAsync(new Dictionary<string, string> { [Unit] = Secret });
        using var client = new MqttNetUplinkClient("127.0.0.1", broker.Port, null);
        var failures = new ConcurrentBag<Exception>();
        using var start = new Barrier(8);

        var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                Connect(client);
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task ConnectsWhileTheBrokerHasJustGone_ReturnFalse_NeverThrow()
    {
        var broker = await MosquittoBroker.StartAsync(new Dictionary<string, string> { [Unit] = Secret });
        using var client = new MqttNetUplinkClient("127.0.0.1", broker.Port, null);
        Assert.True(Connect(client));

        broker.Dispose();
        var results = new List<bool>();
        var deadline = DateTime.UtcNow.AddSeconds(3);
        while (DateTime.UtcNow < deadline)
        {
            // Straight after the drop MQTTnet is still tearing the old link down in the background.
            results.Add(Connect(client));
        }

        Assert.NotEmpty(results);
        Assert.False(results[^1]);
        Assert.False(client.IsConnected);
    }

    private static bool Connect(IUplinkClient client) =>
        client.Connect(Unit, Secret, UnitTopics.Status(Unit), UnitStatus.OfflineWill(), UnitTopics.Config(Unit));
}
