using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Gateway.Forwarding;

/// <summary>
/// Store-and-forward: sends unforwarded readings to the cloud in arrival order, one batch at a time, and marks a
/// reading forwarded only when the cloud's response lists its key as accepted or duplicate. Failures back off
/// exponentially with jitter and retry the same batch, so a unit's readings never overtake each other and nothing is
/// lost while the cloud is down. Forwarded readings are pruned after the retention period; unforwarded never are.
/// Error handling follows cloud/README.md "Errors": a 400 names the failing item, which is set aside with its reason
/// and the rest goes again; 413 halves the batch; 429 waits Retry-After; 401/403/5xx/network back off.
/// </summary>
public sealed class ForwardingService : BackgroundService
{
    /// <summary>The named HttpClient the service uses.</summary>
    public const string HttpClientName = "cloud";

    private static readonly TimeSpan s_pruneInterval = TimeSpan.FromHours(1);
    private readonly ForwardingOptions _options;
    private readonly IOutbox _outbox;
    private readonly IHttpClientFactory _httpFactory;
    private readonly NewReadingsSignal _newReadings;
    private readonly ForwarderState _state;
    private readonly GatewayStateStore _stateStore;
    private readonly PairedDeviceDirectory _devices;
    private readonly GatewayMetrics _metrics;
    private readonly AlertForwarder _alertForwarder;
    private readonly TimeProvider _time;
    private readonly BatchSizer _batchSize;
    private readonly ILogger _logger;
    private readonly HashSet<(string, int)> _heldLogged = new();
    private DateTimeOffset _nextPruneUtc = DateTimeOffset.MinValue;

    /// <summary>Creates the service.</summary>
    public ForwardingService(IOptions<ForwardingOptions> options, IOutbox outbox, IHttpClientFactory httpFactory, ForwarderState state,
        GatewayStateStore stateStore, PairedDeviceDirectory devices, GatewayMetrics metrics, NewReadingsSignal newReadings,
        AlertForwarder alertForwarder, TimeProvider time, ILogger<ForwardingService> logger)
    {
        _time = time;
        _alertForwarder = alertForwarder;
        _newReadings = newReadings;
        _options = options.Value;
        _outbox = outbox;
        _httpFactory = httpFactory;
        _state = state;
        _stateStore = stateStore;
        _devices = devices;
        _metrics = metrics;
        _logger = logger;
        _batchSize = new BatchSizer(_options.BatchSize);
    }

    /// <summary>The delay before retry number <paramref name="failures"/>: exponential, capped, "equal jitter".</summary>
    public static TimeSpan Backoff(int failures, int minMilliseconds, int maxMilliseconds, Random random)
    {
        double cap = Math.Min(maxMilliseconds, minMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30)));
        // Half fixed, half random: never zero (no hammering), and twelve hubs recovering together spread out.
        return TimeSpan.FromMilliseconds(cap / 2 + random.NextDouble() * cap / 2);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(_options.CloudUrl))
        {
            _state.Enabled = false;
            _logger.LogWarning("no cloud URL (ForwardingOptions:CloudUrl / --cloud-url): readings are kept here and not forwarded");
        }
        else
        {
            _state.Enabled = true;
            TryRecord(new Dictionary<string, string> { [GatewayStateStore.CloudUrl] = _options.CloudUrl });
        }

        int failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay = TimeSpan.FromMilliseconds(_options.IdleDelayMilliseconds);
            bool idle = true;
            try
            {
                PruneIfDue();
                if (_state.Enabled)
                {
                    DateTimeOffset began = _time.GetUtcNow();
                    BatchResult readings = await ForwardOneBatchAsync(stoppingToken).ConfigureAwait(false);
                    failures = 0;
                    // Alerts after the readings they name, so the cloud can usually link them at once.
                    int alerts = await _alertForwarder.ForwardAsync(stoppingToken).ConfigureAwait(false);
                    if (readings.NextAtOnce || alerts >= CloudAlertContract.MaxBatch)
                    {
                        continue;
                    }

                    if (readings.Settled > 0 || alerts > 0)
                    {
                        // A partial batch: hold the next post back so readings arriving together leave together
                        // (ForwardingOptions.PartialBatchHoldMilliseconds says why). Bounded, and on the TimeProvider.
                        TimeSpan hold = began + TimeSpan.FromMilliseconds(_options.PartialBatchHoldMilliseconds) - _time.GetUtcNow();
                        if (hold > TimeSpan.Zero)
                        {
                            await Task.Delay(hold, _time, stoppingToken).ConfigureAwait(false);
                        }

                        continue;
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Any failure of a post is that post's failure, retried after the back-off. A list of expected exception
                // types let anything else end the service, and a background service's end stops the whole gateway
                // (a chaos run saw a reset connection do it).
                failures++;
                string error = e is TaskCanceledException ? "timed out" : e.Message;
                DateTimeOffset now = _time.GetUtcNow();
                _state.Failed(error, now);
                _metrics.RecordForwardFailure();
                idle = false;
                delay = Backoff(failures, _options.MinBackoffMilliseconds, _options.MaxBackoffMilliseconds, Random.Shared);
                if (e is CloudRetryException { RetryAfter: { } retryAfter } && retryAfter > delay)
                {
                    delay = retryAfter;
                }

                _logger.LogWarning("cloud post failed ({Error}); retry {Failures} in {Delay} ms", error, failures, (int)delay.TotalMilliseconds);
                TryRecord(new Dictionary<string, string>
                {
                    [GatewayStateStore.LastForwardError] = error,
                    [GatewayStateStore.LastForwardErrorUtc] = Timestamp.Format(now),
                });
            }

            try
            {
                // Idle: new readings end the wait. After a failure the backoff is served in full, readings or not,
                // so a struggling cloud is not hammered by every commit.
                Task wait = idle && _state.Enabled ? _newReadings.WaitAsync(delay, stoppingToken) : Task.Delay(delay, _time, stoppingToken);
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Sends one batch; says how many readings it settled and whether the next should go at once.</summary>
    /// <exception cref="CloudRetryException">The cloud asked for a retry later (429, 5xx, 401/403).</exception>
    public async Task<BatchResult> ForwardOneBatchAsync(CancellationToken cancellationToken)
    {
        ResolveHeldAddresses();
        int size = _batchSize.Current;
        IReadOnlyList<ExportedReading> batch = _outbox.TakeBatch(size);
        if (batch.Count == 0)
        {
            return BatchResult.Nothing;
        }

        var keys = new Dictionary<string, long>(batch.Count, StringComparer.Ordinal);
        var items = new List<CloudBatchContract.BatchItem>(batch.Count);
        foreach (ExportedReading r in batch)
        {
            CloudBatchContract.BatchItem item = CloudBatchContract.ToItem(r)!;
            if (!keys.TryAdd(item.Key, r.Id))
            {
                // Two stored readings with one key (same unit, outbox sequence, device): the cloud would refuse the whole
                // batch, so the second is set aside with a reason instead.
                _outbox.MarkRejected(r.Id, "duplicate-key-in-gateway: " + item.Key);
                continue;
            }

            items.Add(item);
        }

        var content = JsonContent.Create(new CloudBatchContract.BatchRequest(_options.GatewayId, items), CloudJson.Default.BatchRequest);
        using HttpResponseMessage response = await CloudPost.SendAsync(_httpFactory, _options, CloudBatchContract.BatchPath, content, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            return await SetAsideFailingItemAsync(response, items, keys, cancellationToken).ConfigureAwait(false);
        }

        if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge && size > 1)
        {
            // Nothing settled: the same readings go again at once, in smaller batches.
            _batchSize.Halve();
            _logger.LogWarning("the cloud refused the batch as too large; batches of {Size} from now on", _batchSize.Current);
            return new BatchResult(0, NextAtOnce: true);
        }

        if (!response.IsSuccessStatusCode)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            TimeSpan? retryAfter = response.Headers.RetryAfter?.Delta;
            string hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? " (check ForwardingOptions:GatewayId/BearerSecret)" : string.Empty;
            throw new CloudRetryException($"HTTP {(int)response.StatusCode} from the cloud{hint}: {Truncate(body, 300)}", retryAfter);
        }

        CloudBatchContract.BatchResponse? result = await response.Content.ReadFromJsonAsync(CloudJson.Default.BatchResponse, cancellationToken).ConfigureAwait(false);
        if (result == null)
        {
            throw new InvalidOperationException("the cloud answered 2xx without a body");
        }

        // Only keys the response names count; anything it does not mention stays unforwarded and goes again.
        var confirmed = new List<long>();
        foreach (string key in (result.Accepted ?? Array.Empty<string>()).Concat(result.Duplicate ?? Array.Empty<string>()))
        {
            if (keys.TryGetValue(key, out long id))
            {
                confirmed.Add(id);
            }
        }

        _outbox.MarkForwarded(confirmed, _time.GetUtcNow());
        int rejected = 0;
        foreach (CloudBatchContract.Rejection rejection in result.Rejected ?? Array.Empty<CloudBatchContract.Rejection>())
        {
            if (keys.TryGetValue(rejection.Key, out long id))
            {
                rejected++;
                _outbox.MarkRejected(id, rejection.Reason);
                _logger.LogError("the cloud rejected reading {Key}: {Reason}; kept on the gateway, not re-sent", rejection.Key, rejection.Reason);
            }
        }

        if (confirmed.Count == 0 && rejected == 0)
        {
            throw new InvalidOperationException($"the cloud's response named none of the {items.Count} keys sent");
        }

        DateTimeOffset now = _time.GetUtcNow();
        _state.Succeeded(now);
        _metrics.RecordForwarded(confirmed.Count);
        _batchSize.Settled();
        TryRecord(new Dictionary<string, string> { [GatewayStateStore.LastForwardSuccess] = Timestamp.Format(now) });
        return new BatchResult(confirmed.Count + rejected, NextAtOnce: batch.Count >= size);
    }

    // cloud/README.md: "A 400 is deterministic ... isolate the failing item (the response names it)".
    private async Task<BatchResult> SetAsideFailingItemAsync(HttpResponseMessage response, List<CloudBatchContract.BatchItem> items,
        Dictionary<string, long> keys, CancellationToken cancellationToken)
    {
        CloudBatchContract.Problem? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync(CloudJson.Default.Problem, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
        }

        string reason = $"refused-by-cloud: {problem?.Detail ?? problem?.Title ?? "HTTP 400"} ({problem?.Field})";
        if (problem?.Index is int index && index >= 0 && index < items.Count)
        {
            _outbox.MarkRejected(keys[items[index].Key], reason);
            _logger.LogError("the cloud refused reading {Key}: {Reason}; set aside on the gateway, the rest of the batch goes again", items[index].Key, reason);
            return new BatchResult(1, NextAtOnce: true);
        }

        if (items.Count == 1)
        {
            _outbox.MarkRejected(keys[items[0].Key], reason);
            _logger.LogError("the cloud refused reading {Key}: {Reason}; set aside on the gateway", items[0].Key, reason);
            return new BatchResult(1, NextAtOnce: true);
        }

        // No index: send one at a time until the culprit is the whole batch.
        _batchSize.Isolate();
        _logger.LogWarning("the cloud refused a batch without naming the item ({Reason}); isolating with batches of 1", reason);
        return new BatchResult(0, NextAtOnce: true);
    }

    // Readings stored before their slot was paired get the address once the unit config has it.
    private void ResolveHeldAddresses()
    {
        foreach (var (unit, slot) in _outbox.UnaddressedSlots())
        {
            PairedDevice? device = _devices.Find(unit, slot);
            if (device != null)
            {
                int assigned = _outbox.AssignAddress(unit, slot, device.Address, device.Kind);
                _heldLogged.Remove((unit, slot));
                _logger.LogInformation("{Count} readings of {Unit} slot {Slot} now carry device {Address} and can be forwarded", assigned, unit, slot, device.Address);
            }
            else if (_heldLogged.Add((unit, slot)))
            {
                _logger.LogWarning("readings of {Unit} slot {Slot} are held: the unit config names no device in that slot (units pair)", unit, slot);
            }
        }
    }

    private void PruneIfDue()
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (now < _nextPruneUtc)
        {
            return;
        }

        _nextPruneUtc = now + s_pruneInterval;
        int pruned = _outbox.PruneForwarded(now.AddDays(-_options.RetentionDays));
        if (pruned > 0)
        {
            _logger.LogInformation("pruned {Count} readings forwarded more than {Days} days ago", pruned, _options.RetentionDays);
        }
    }

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

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "...";
}
