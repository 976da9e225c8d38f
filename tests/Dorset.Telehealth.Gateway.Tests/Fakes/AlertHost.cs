using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>
/// A real gateway whose clock is a <see cref="FakeTimeProvider"/> set just after the test frames' receipt time
/// (2026-11-24T08:00:05Z), so their readings are current, and the clock rules move only when a test advances time.
/// </summary>
public sealed class AlertHost : IAsyncDisposable
{
    public static readonly DateTimeOffset FrameTime = new(2026, 11, 24, 8, 0, 10, TimeSpan.Zero);

    private AlertHost(GatewayHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
    }

    public GatewayHost Host { get; }

    public FakeTimeProvider Time { get; }

    public AlertStore Alerts => Host.Services.GetRequiredService<AlertStore>();

    public GatewayAlarms Alarms => Host.Services.GetRequiredService<GatewayAlarms>();

    public static AlertHost Start(DateTimeOffset? now = null, string? dataDir = null, Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null)
    {
        var time = new FakeTimeProvider(now ?? FrameTime);
        var host = new GatewayHost(s =>
        {
            s.AddSingleton<TimeProvider>(time);
            services?.Invoke(s);
        }, settings, dataDir);
        return new AlertHost(host, time);
    }

    /// <summary>
    /// Registers <paramref name="unitId"/> for <paramref name="patientRef"/>, connects it, and publishes each frame (QoS 1,
    /// PUBACK awaited); the unit's secret, to connect again.
    /// </summary>
    public async Task<string> PublishAsync(string unitId, string? patientRef, params byte[][] frames)
    {
        string secret = Host.Units.Find(unitId) == null ? Host.Units.Add(unitId, patientRef) : throw new InvalidOperationException("publish once per unit");
        var (client, _) = await UnitClient.ConnectAsync(Host.MqttPort, unitId, secret);
        await using var _ = client;
        foreach (byte[] frame in frames)
        {
            var result = await client.PublishAsync(MqttTopics.Readings(unitId), frame);
            Assert.True(result.IsSuccess);
        }

        return secret;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
