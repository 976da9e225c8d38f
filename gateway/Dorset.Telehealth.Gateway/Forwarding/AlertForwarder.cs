using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Gateway.Forwarding;

/// <summary>
/// Forwards each alert's newest revision to the cloud after the readings, and marks a revision forwarded only when the
/// response names it (accepted, duplicate, or rejected for good, which is logged). A cloud that refuses alerts never
/// holds up readings: failures here back off on their own clock and are logged, not thrown.
/// </summary>
public sealed class AlertForwarder
{
    private readonly ForwardingOptions _options;
    private readonly AlertStore _alerts;
    private readonly IHttpClientFactory _httpFactory;
    private readonly TimeProvider _time;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;
    private int _failures;
    private DateTimeOffset _nextAttemptUtc = DateTimeOffset.MinValue;

    /// <summary>Creates the forwarder.</summary>
    public AlertForwarder(IOptions<ForwardingOptions> options, AlertStore alerts, IHttpClientFactory httpFactory, TimeProvider time, GatewayMetrics metrics,
        ILogger<AlertForwarder> logger)
    {
        _metrics = metrics;
        _options = options.Value;
        _alerts = alerts;
        _httpFactory = httpFactory;
        _time = time;
        _logger = logger;
    }

    /// <summary>Sends one batch of alert revisions unless backing off; how many the cloud settled.</summary>
    public async Task<int> ForwardAsync(CancellationToken cancellationToken)
    {
        if (_time.GetUtcNow() < _nextAttemptUtc)
        {
            return 0;
        }

        IReadOnlyList<AlertRecord> batch = _alerts.Unforwarded(CloudAlertContract.MaxBatch);
        if (batch.Count == 0)
        {
            return 0;
        }

        try
        {
            int settled = await PostAsync(batch, cancellationToken).ConfigureAwait(false);
            _failures = 0;
            return settled;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException
            or NotSupportedException or CloudRetryException && !cancellationToken.IsCancellationRequested)
        {
            _failures++;
            TimeSpan delay = ForwardingService.Backoff(_failures, _options.MinBackoffMilliseconds, _options.MaxBackoffMilliseconds, Random.Shared);
            if (e is CloudRetryException { RetryAfter: { } retryAfter } && retryAfter > delay)
            {
                // The cloud's own word on when (429, 503) outranks our guess, as for readings.
                delay = retryAfter;
            }

            _nextAttemptUtc = _time.GetUtcNow() + delay;
            _logger.LogWarning("alerts not forwarded ({Error}); {Count} alert(s) wait, retry in {Delay} ms", e is TaskCanceledException ? "timed out" : e.Message,
                batch.Count, (int)delay.TotalMilliseconds);
            return 0;
        }
    }

    private async Task<int> PostAsync(IReadOnlyList<AlertRecord> batch, CancellationToken cancellationToken)
    {
        var revisions = batch.ToDictionary(a => a.Id + "@" + a.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var content = JsonContent.Create(new CloudAlertContract.AlertBatchRequest(_options.GatewayId, batch.Select(CloudAlertContract.ToItem).ToList()),
            CloudAlertJson.Default.AlertBatchRequest);
        using HttpResponseMessage response = await CloudPost.SendAsync(_httpFactory, _options, CloudAlertContract.BatchPath, content, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge && batch.Count > 1)
        {
            // A whole-batch refusal (one bad item, or too large a body) is split: one by one, the rest still goes.
            int settled = 0;
            foreach (AlertRecord alert in batch)
            {
                settled += await PostAsync(new[] { alert }, cancellationToken).ConfigureAwait(false);
            }

            return settled;
        }

        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
        {
            // Deterministic: re-sending would be refused forever and hold every later alert behind it.
            string problem = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            _alerts.MarkForwarded(batch[0].Id, batch[0].Revision);
            _metrics.RecordAlertRefusedByCloud();
            _logger.LogError("the cloud refused alert {Id} revision {Revision} ({Status}): {Problem}; kept here, not re-sent", batch[0].Id, batch[0].Revision,
                (int)response.StatusCode, problem);
            return 1;
        }

        if (!response.IsSuccessStatusCode)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new CloudRetryException($"HTTP {(int)response.StatusCode} from the cloud's alert API: {(body.Length > 300 ? body[..300] : body)}", response.Headers.RetryAfter?.Delta);
        }

        var result = await response.Content.ReadFromJsonAsync(CloudAlertJson.Default.AlertBatchResponse, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the cloud answered 2xx without a body");
        int count = 0;
        foreach (string confirmed in (result.Accepted ?? Array.Empty<string>()).Concat(result.Duplicate ?? Array.Empty<string>()))
        {
            if (revisions.TryGetValue(confirmed, out AlertRecord? alert))
            {
                _alerts.MarkForwarded(alert.Id, alert.Revision);
                count++;
            }
        }

        foreach (CloudAlertContract.AlertRejection rejection in result.Rejected ?? Array.Empty<CloudAlertContract.AlertRejection>())
        {
            _alerts.MarkForwarded(rejection.AlertId, rejection.Revision);
            _metrics.RecordAlertRefusedByCloud();
            _logger.LogError("the cloud rejected alert {Id} revision {Revision}: {Reason}; kept here, not re-sent", rejection.AlertId, rejection.Revision, rejection.Reason);
            count++;
        }

        if (count == 0)
        {
            throw new InvalidOperationException($"the cloud's response named none of the {batch.Count} alert revisions sent");
        }

        return count;
    }
}
