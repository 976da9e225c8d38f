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
/// reading forwarded only when the cloud's response lists its key as accepted or duplicate. The cloud client
/// (<see cref="CloudClient"/>) retries the same batch with back-off until the cloud answers, so a unit's readings never
/// overtake each other and nothing is lost while the cloud is down (forwarded readings are pruned apart from it, by
/// <see cref="ForwardedReadingPruner"/>). Error handling follows cloud/README.md "Errors": a 400 names the failing item, which
/// is set aside with its reason and the rest goes again; 413 halves the batch; the rest is the client's to retry.
/// Alerts travel separately (<see cref="AlertForwardingService"/>).
/// </summary>
public sealed class ForwardingService : BackgroundService
{
    /// <summary>The named HttpClient readings go by.</summary>
    public const string HttpClientName = "cloud";

    private readonly ForwardingOptions _options;
    private readonly IOutbox _outbox;
    private readonly IHttpClientFactory _httpFactory;
    private readonly NewReadingsSignal _newReadings;
    private readonly ForwarderState _state;
    private readonly CloudLink _link;
    private readonly HeldReadingAddresses _heldAddresses;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly BatchSizer _batchSize;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    public ForwardingService(IOptions<ForwardingOptions> options, IOutbox outbox, IHttpClientFactory httpFactory, ForwarderState state, CloudLink link,
        PairedDeviceDirectory devices, GatewayMetrics metrics, NewReadingsSignal newReadings, TimeProvider time, ILogger<ForwardingService> logger)
    {
        _time = time;
        _newReadings = newReadings;
        _options = options.Value;
        _outbox = outbox;
        _httpFactory = httpFactory;
        _state = state;
        _link = link;
        _heldAddresses = new HeldReadingAddresses(outbox, devices, logger);
        _metrics = metrics;
        _logger = logger;
        _batchSize = new BatchSizer(_options.BatchSize);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _state.Enabled = !string.IsNullOrWhiteSpace(_options.CloudUrl);
        if (_state.Enabled)
        {
            _link.Configured(_options.CloudUrl!);
        }
        else
        {
            _logger.LogWarning("no cloud URL (ForwardingOptions:CloudUrl / --cloud-url): readings are kept here and not forwarded");
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay = TimeSpan.FromMilliseconds(_options.IdleDelayMilliseconds);
            bool idle = true;
            try
            {
                if (_state.Enabled)
                {
                    DateTimeOffset began = _time.GetUtcNow();
                    BatchResult readings = await ForwardOneBatchAsync(stoppingToken).ConfigureAwait(false);
                    if (readings.NextAtOnce)
                    {
                        continue;
                    }

                    if (readings.Settled > 0)
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
                // What the client's retries do not cure (a 2xx body that makes no sense, a 413 for one reading, the
                // database) is no blip: the longest back-off before the same batch goes again. Caught whatever it is,
                // since a background service's end stops the whole gateway (a chaos run saw a reset connection do it).
                idle = false;
                delay = TimeSpan.FromMilliseconds(_options.MaxBackoffMilliseconds);
                _link.Failed(e.Message, delay);
            }

            try
            {
                // Idle: new readings end the wait. After a failure the wait is served in full, readings or not.
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
    /// <exception cref="HttpRequestException">The cloud refused in a way its client's retries did not cure.</exception>
    public async Task<BatchResult> ForwardOneBatchAsync(CancellationToken cancellationToken)
    {
        _heldAddresses.Resolve();
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
        using HttpResponseMessage response = await CloudPost.SendAsync(_httpFactory.CreateClient(HttpClientName), _options, CloudBatchContract.BatchPath, content, cancellationToken)
            .ConfigureAwait(false);
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
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} from the cloud: {Truncate(body, 300)}", null, response.StatusCode);
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

        await _outbox.MarkForwardedAsync(confirmed, _time.GetUtcNow()).ConfigureAwait(false);
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

        _link.Succeeded();
        _metrics.RecordForwarded(confirmed.Count);
        _batchSize.Settled();
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

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "...";
}
