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
/// Forwards each alert's newest revision to the cloud, and marks a revision forwarded only when the response names it
/// (accepted, duplicate, or rejected for good, which is logged). Its client (<see cref="CloudClient"/>, named
/// <see cref="HttpClientName"/>) retries on its own, and <see cref="AlertForwardingService"/> runs it apart from the
/// readings, so a cloud that refuses alerts never holds up readings.
/// </summary>
public sealed class AlertForwarder
{
    /// <summary>The named HttpClient alerts go by: its failures are logged as the alerts', not counted as the readings' link.</summary>
    public const string HttpClientName = "cloud-alerts";

    private readonly ForwardingOptions _options;
    private readonly AlertStore _alerts;
    private readonly IHttpClientFactory _httpFactory;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;

    /// <summary>Creates the forwarder.</summary>
    public AlertForwarder(IOptions<ForwardingOptions> options, AlertStore alerts, IHttpClientFactory httpFactory, GatewayMetrics metrics, ILogger<AlertForwarder> logger)
    {
        _metrics = metrics;
        _options = options.Value;
        _alerts = alerts;
        _httpFactory = httpFactory;
        _logger = logger;
    }

    /// <summary>Sends one batch of alert revisions; how many the cloud settled (0 when none waited).</summary>
    /// <exception cref="HttpRequestException">The cloud refused in a way its client's retries did not cure.</exception>
    public async Task<int> ForwardAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<AlertRecord> batch = _alerts.Unforwarded(CloudAlertContract.MaxBatch);
        return batch.Count == 0 ? 0 : await PostAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> PostAsync(IReadOnlyList<AlertRecord> batch, CancellationToken cancellationToken)
    {
        var revisions = batch.ToDictionary(a => a.Id + "@" + a.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var content = JsonContent.Create(new CloudAlertContract.AlertBatchRequest(_options.GatewayId, batch.Select(CloudAlertContract.ToItem).ToList()),
            CloudAlertJson.Default.AlertBatchRequest);
        using HttpResponseMessage response = await CloudPost.SendAsync(_httpFactory.CreateClient(HttpClientName), _options, CloudAlertContract.BatchPath, content, cancellationToken).ConfigureAwait(false);
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
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} from the cloud's alert API: {(body.Length > 300 ? body[..300] : body)}", null, response.StatusCode);
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
