using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Gateway.Forwarding;

/// <summary>
/// Sends alert revisions to the cloud on a loop of its own: its client waits out a failing alert API (retrying with
/// back-off), and that wait must not hold up readings. cloud/README.md "Alerts contract": alerts and readings travel
/// separately, and an alert may name readings the cloud has not received yet.
/// </summary>
public sealed class AlertForwardingService : BackgroundService
{
    private readonly AlertForwarder _forwarder;
    private readonly ForwardingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    public AlertForwardingService(AlertForwarder forwarder, IOptions<ForwardingOptions> options, TimeProvider time, ILogger<AlertForwardingService> logger)
    {
        _forwarder = forwarder;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(_options.CloudUrl))
        {
            return; // ForwardingService says so in the log
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                int settled = await _forwarder.ForwardAsync(stoppingToken).ConfigureAwait(false);
                if (settled >= CloudAlertContract.MaxBatch)
                {
                    continue;
                }

                // Alerts are few: a poll at the readings' pace, and after a partial batch the readings' hold, so a
                // burst of revisions leaves together.
                delay = TimeSpan.FromMilliseconds(settled > 0 ? _options.PartialBatchHoldMilliseconds : _options.IdleDelayMilliseconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // As for readings: what the client's retries did not cure waits the longest back-off, and never ends the gateway.
                delay = TimeSpan.FromMilliseconds(_options.MaxBackoffMilliseconds);
                _logger.LogWarning("alerts not forwarded ({Error}); retry in {Delay} ms", e.Message, (int)delay.TotalMilliseconds);
            }

            try
            {
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
