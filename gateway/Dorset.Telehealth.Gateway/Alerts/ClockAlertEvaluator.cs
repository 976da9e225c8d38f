using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Monitoring;
using Dorset.Telehealth.Clinical.Settings;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>
/// Runs the clock rules (stale device, unit offline, battery low) for every unit on a <see cref="TimeProvider"/> timer,
/// so tests drive it with a fake clock. At start it first restores the front panel from the stored alerts.
/// </summary>
public sealed class ClockAlertEvaluator : BackgroundService
{
    private readonly GatewayDatabase _database;
    private readonly AlertAnnunciator _annunciator;
    private readonly TimeProvider _time;
    private readonly AlertingOptions _options;
    private readonly ILogger _logger;
    private readonly ClockRuleSet _rules = ClockRuleSet.Default;

    /// <summary>Creates the evaluator.</summary>
    public ClockAlertEvaluator(GatewayDatabase database, AlertAnnunciator annunciator, TimeProvider time, IOptions<AlertingOptions> options,
        ILogger<ClockAlertEvaluator> logger)
    {
        _database = database;
        _annunciator = annunciator;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Evaluates every unit once at the provider's current time and announces what changed.</summary>
    public IReadOnlyList<AlertChange> EvaluateNow()
    {
        DateTimeOffset now = _time.GetUtcNow();
        var changes = new List<AlertChange>();
        using (SqliteConnection connection = _database.Open())
        {
            // Read before taking the write lock: the scan of every unit's readings must not hold up the group-commit
            // writer (WAL readers never block it). A reading that lands in between is seen by the next run.
            IReadOnlyList<PatientUnit> units = UnitSnapshots.Read(connection, null);
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            var writer = new AlertWriter(connection);
            writer.Bind(transaction);
            var settings = new PatientSettingsStore(_database);
            foreach (PatientUnit unit in units)
            {
                PatientSettings patient = unit.PatientRef == null ? PatientSettings.Default : settings.Get(connection, transaction, unit.PatientRef);
                foreach (RuleOutcome outcome in _rules.Evaluate(unit.Unit, patient, now))
                {
                    if (writer.Apply(unit.Unit.UnitId, unit.PatientRef, outcome, now, onlyWhenWorse: true) is { } change)
                    {
                        changes.Add(change);
                    }
                }
            }

            transaction.Commit();
        }

        _annunciator.Announce(changes);
        _annunciator.Refresh();
        return changes;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _annunciator.Restore();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.ClockRulesIntervalSeconds), _time);
        do
        {
            try
            {
                EvaluateNow();
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException or System.Text.Json.JsonException)
            {
                // The next tick tries again; the reading rules do not depend on this loop.
                _logger.LogError(e, "clock alert rules failed this round");
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
