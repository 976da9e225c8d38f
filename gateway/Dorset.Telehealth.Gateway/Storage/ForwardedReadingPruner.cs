using System;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Forwarding;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>
/// Deletes readings the cloud confirmed more than <see cref="ForwardingOptions.RetentionDays"/> ago, at start and then
/// hourly on the <see cref="TimeProvider"/>; unforwarded and rejected readings are never deleted
/// (<see cref="IOutbox.PruneForwarded"/>). Apart from the forwarder, so that a slow or failing cloud never delays it
/// and a failing delete is not reported as the cloud link's.
/// </summary>
public sealed class ForwardedReadingPruner : BackgroundService
{
    /// <summary>How often the retention is applied: a reading stays at most this long past it.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private readonly IOutbox _outbox;
    private readonly ForwardingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the pruner.</summary>
    public ForwardedReadingPruner(IOutbox outbox, IOptions<ForwardingOptions> options, TimeProvider time, ILogger<ForwardedReadingPruner> logger)
    {
        _outbox = outbox;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Deletes what is past the retention at the provider's current time; returns how many readings.</summary>
    public int PruneNow()
    {
        int pruned = _outbox.PruneForwarded(_time.GetUtcNow().AddDays(-_options.RetentionDays));
        if (pruned > 0)
        {
            _logger.LogInformation("pruned {Count} readings forwarded more than {Days} days ago", pruned, _options.RetentionDays);
        }

        return pruned;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        try
        {
            do
            {
                try
                {
                    PruneNow();
                }
                catch (Exception e)
                {
                    // The next tick tries again: nothing is lost by pruning late, and a background service's end would
                    // stop the whole gateway.
                    _logger.LogError(e, "pruning forwarded readings failed this round");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
