using Prometheus;

namespace Dorset.Telehealth.Cloud.Diagnostics;

/// <summary>
/// Counters for /metrics, kept by prometheus-net on the host's own <see cref="CollectorRegistry"/> (one per host, so
/// test hosts in one process never share a count). Every replica exposes its own; Prometheus sums them.
/// </summary>
public sealed class CloudMetrics
{
    private readonly Counter.Child _batchesOk;
    private readonly Counter.Child _batchesBadRequest;
    private readonly Counter.Child _batchesUnauthorised;
    private readonly Counter.Child _batchesTooLarge;
    private readonly Counter.Child _batchesRateLimited;
    private readonly Counter.Child _batchesFailed;
    private readonly Outcomes _readings;
    private readonly Outcomes _alerts;
    private readonly Counter _batchSeconds;
    private readonly Counter _fhirRequests;
    private readonly Counter.Child _fhirBadRequest;
    private readonly Counter.Child _fhirUnauthorised;
    private readonly Counter.Child _fhirForbidden;

    /// <summary>Creates the counters on <paramref name="registry"/>; every labelled series is there from the start, at 0.</summary>
    public CloudMetrics(CollectorRegistry registry)
    {
        IMetricFactory f = Metrics.WithCustomRegistry(registry);
        Counter batches = f.CreateCounter("dorset_cloud_batches_total", "Batch requests (readings and alerts) by outcome.", new[] { "outcome" });
        _batchesOk = batches.WithLabels("ok");
        _batchesBadRequest = batches.WithLabels("bad_request");
        _batchesUnauthorised = batches.WithLabels("unauthorised");
        _batchesTooLarge = batches.WithLabels("too_large");
        _batchesRateLimited = batches.WithLabels("rate_limited");
        _batchesFailed = batches.WithLabels("failed");
        _readings = new Outcomes(f.CreateCounter("dorset_cloud_readings_total", "Readings in successful batches by outcome.", new[] { "outcome" }),
            f.CreateCounter("dorset_cloud_readings_unassigned_total", "Accepted readings whose unit had no patient at the reading's time."));
        _alerts = new Outcomes(f.CreateCounter("dorset_cloud_alerts_total", "Alert revisions in successful alert batches by outcome.", new[] { "outcome" }),
            f.CreateCounter("dorset_cloud_alerts_unassigned_total", "Accepted alert revisions whose unit had no patient at the first breach."));
        _batchSeconds = f.CreateCounter("dorset_cloud_batch_seconds_total", "Time spent storing successful batches (readings and alerts).");
        _fhirRequests = f.CreateCounter("dorset_cloud_fhir_requests_total", "FHIR API requests.");
        Counter fhirRefused = f.CreateCounter("dorset_cloud_fhir_refused_total", "FHIR API requests refused, by status.", new[] { "status" });
        _fhirBadRequest = fhirRefused.WithLabels("400");
        _fhirUnauthorised = fhirRefused.WithLabels("401");
        _fhirForbidden = fhirRefused.WithLabels("403");
    }

    /// <summary>Counts a readings batch answered 200 with its outcome.</summary>
    public void Batch(int accepted, int duplicate, int rejected, int unassigned, long microseconds) => Count(_readings, accepted, duplicate, rejected, unassigned, microseconds);

    /// <summary>Counts an alerts batch answered 200 with its outcome.</summary>
    public void AlertBatch(int accepted, int duplicate, int rejected, int unassigned, long microseconds) => Count(_alerts, accepted, duplicate, rejected, unassigned, microseconds);

    /// <summary>Counts a refused batch by status code.</summary>
    public void Refused(int status)
    {
        Counter.Child outcome = status switch
        {
            400 => _batchesBadRequest,
            401 or 403 => _batchesUnauthorised,
            413 => _batchesTooLarge,
            429 => _batchesRateLimited,
            _ => _batchesFailed,
        };
        outcome.Inc();
    }

    /// <summary>Counts a FHIR request.</summary>
    public void Fhir() => _fhirRequests.Inc();

    /// <summary>Counts a refused FHIR request: 400 (a search refused), 401 (no or an unknown credential) or 403 (not a reader's).</summary>
    public void FhirRefused(int status)
    {
        Counter.Child refused = status switch
        {
            401 => _fhirUnauthorised,
            403 => _fhirForbidden,
            _ => _fhirBadRequest,
        };
        refused.Inc();
    }

    private void Count(Outcomes outcomes, int accepted, int duplicate, int rejected, int unassigned, long microseconds)
    {
        _batchesOk.Inc();
        outcomes.Accepted.Inc(accepted);
        outcomes.Duplicate.Inc(duplicate);
        outcomes.Rejected.Inc(rejected);
        outcomes.Unassigned.Inc(unassigned);
        _batchSeconds.Inc(microseconds / 1e6);
    }

    // One kind of item's outcome series (readings, or alert revisions).
    private sealed class Outcomes
    {
        public Outcomes(Counter byOutcome, Counter unassigned)
        {
            Accepted = byOutcome.WithLabels("accepted");
            Duplicate = byOutcome.WithLabels("duplicate");
            Rejected = byOutcome.WithLabels("rejected");
            Unassigned = unassigned;
        }

        public Counter.Child Accepted { get; }

        public Counter.Child Duplicate { get; }

        public Counter.Child Rejected { get; }

        public Counter Unassigned { get; }
    }
}
