using System;
using System.Collections.Generic;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Extensions.Logging;

namespace Dorset.Telehealth.Gateway.Forwarding;

/// <summary>
/// Records each readings post's outcome where the LEDs, /health, /metrics, `status` and the next start read it:
/// <see cref="ForwarderState"/>, the failure counter, the log and the gateway's state table.
/// </summary>
public sealed class CloudLink
{
    private readonly ForwarderState _state;
    private readonly GatewayStateStore _stateStore;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the recorder.</summary>
    public CloudLink(ForwarderState state, GatewayStateStore stateStore, GatewayMetrics metrics, TimeProvider time, ILogger<CloudLink> logger)
    {
        _state = state;
        _stateStore = stateStore;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>The cloud settled a batch.</summary>
    public void Succeeded()
    {
        DateTimeOffset now = _time.GetUtcNow();
        _state.Succeeded(now);
        TryRecord(new Dictionary<string, string> { [GatewayStateStore.LastForwardSuccess] = Timestamp.Format(now) });
    }

    /// <summary>A post failed with <paramref name="error"/>; the next try is in <paramref name="retryIn"/>.</summary>
    public void Failed(string error, TimeSpan retryIn)
    {
        DateTimeOffset now = _time.GetUtcNow();
        _state.Failed(error, now);
        _metrics.RecordForwardFailure();
        _logger.LogWarning("cloud post failed ({Error}); retry {Failures} in {Delay} ms", error, _state.ConsecutiveFailures, (int)retryIn.TotalMilliseconds);
        TryRecord(new Dictionary<string, string>
        {
            [GatewayStateStore.LastForwardError] = error,
            [GatewayStateStore.LastForwardErrorUtc] = Timestamp.Format(now),
        });
    }

    /// <summary>Records the configured cloud URL.</summary>
    public void Configured(string cloudUrl) => TryRecord(new Dictionary<string, string> { [GatewayStateStore.CloudUrl] = cloudUrl });

    private void TryRecord(Dictionary<string, string> values)
    {
        try
        {
            _stateStore.Set(values);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            _logger.LogDebug(e, "forwarder state not recorded");
        }
    }
}
