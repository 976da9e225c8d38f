using System;
using System.Linq;
using System.Text.Json;
using AlertBatchParser = Dorset.Telehealth.Cloud.Ingestion.AlertBatchParser;
using BatchError = Dorset.Telehealth.Cloud.Ingestion.BatchError;
using ParsedAlertBatch = Dorset.Telehealth.Cloud.Ingestion.ParsedAlertBatch;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Forwarding;

namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>
/// The gateway and the cloud share only the documented alerts contract: this holds what the gateway's forwarder
/// writes equal to what the cloud's parser accepts, for the alerts most likely to differ (a meter LO without a number,
/// a partial NEWS2, an acknowledgement with a long note, a unit without a patient reference). A refusal here would be
/// an alert lost between hub and county.
/// </summary>
public sealed class AlertContractTests
{
    private static readonly DateTimeOffset s_at = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static AlertRecord Alert(string rule, string level, params AlertEvidence[] evidence) => new(
        Guid.NewGuid().ToString("D"), 3, rule, 1, "", level, AlertRecord.Open, "unit-0001", "9990000018", new string('s', 400), s_at, s_at.AddMinutes(5), 2,
        null, evidence, null, null, s_at, s_at.AddMinutes(5), null, null, null);

    [Fact]
    public void EveryKindOfAlertTheGatewaySends_IsAcceptedByTheCloudsParser_WithItsValuesIntact()
    {
        var lo = Alert("glucose-low", "red-urgent", new AlertEvidence(7, "unit-0001/17/C0:26:DA:00:00:00/s5", "glucose", "LO", "mmol/L", s_at));
        var news2 = Alert("news2-partial", "red", new AlertEvidence(8, "unit-0001/18/C0:26:DA:00:00:01/-", "spo2", "92", "%", s_at)) with
        {
            Worst = new AlertValue("news2-partial", "5", "points"),
            Score = new AlertScore(true, 5, 1, "urgent", new[]
            {
                new AlertScoreParameter("spo2", 2, "92", "%", 8, "unit-0001/18/C0:26:DA:00:00:01/-", 0),
                new AlertScoreParameter("pulse", 3, "131", "/min", 8, "unit-0001/18/C0:26:DA:00:00:01/-", 0),
                new AlertScoreParameter("oxygen", 0, "false", null, null, null, 0),
            }),
            State = AlertRecord.ResolvedState,
            Acknowledged = new AlertAcknowledgement("nurse.jones", s_at.AddMinutes(6), new string('n', 1200)),
            Resolved = new AlertResolution(s_at.AddMinutes(9), "condition cleared: " + new string('r', 400)),
            LateMinutes = 361,
        };
        var stale = Alert("stale-device", "info") with { PatientRef = "", EpisodeKey = "slot-3", Worst = new AlertValue("hours-silent", "48", "h") };
        var request = new CloudAlertContract.AlertBatchRequest("gw-weymouth", new[] { lo, news2, stale }.Select(CloudAlertContract.ToItem).ToList());
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(request, CloudAlertJson.Default.AlertBatchRequest);

        bool parsed = AlertBatchParser.TryParse(body, 200, out ParsedAlertBatch? batch, out BatchError? error);

        Assert.True(parsed, error?.ToString());
        Assert.Equal(new[] { lo.Id, news2.Id, stale.Id }, batch!.Alerts.Select(a => a.AlertId));
        var cloudLo = batch.Alerts[0];
        Assert.Null(Assert.Single(cloudLo.Readings).Value);
        Assert.Equal("unit-0001/17/C0:26:DA:00:00:00/s5", cloudLo.Readings[0].Key);
        var cloudNews2 = batch.Alerts[1];
        Assert.Equal((5, 3), (cloudNews2.Score!.Total, cloudNews2.Score.Parameters.Count));
        Assert.Equal(1000, cloudNews2.Acknowledged!.Note!.Length);
        Assert.Equal(361, cloudNews2.LateMinutes);
        Assert.Null(batch.Alerts[2].PatientRef);
    }
}
