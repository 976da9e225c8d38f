using System.Globalization;
using System.Text;
using System.Threading;

namespace Dorset.Telehealth.Cloud.Diagnostics;

/// <summary>
/// Counters for /metrics in the Prometheus text exposition format 0.0.4, written by hand: a few counters do not
/// justify a metrics library, and every replica exposes its own (Prometheus sums them).
/// </summary>
public sealed class CloudMetrics
{
    private long _batchesOk;
    private long _batchesBadRequest;
    private long _batchesUnauthorised;
    private long _batchesTooLarge;
    private long _batchesRateLimited;
    private long _batchesFailed;
    private long _accepted;
    private long _duplicate;
    private long _rejected;
    private long _unassigned;
    private long _batchMicroseconds;
    private long _alertsAccepted;
    private long _alertsDuplicate;
    private long _alertsRejected;
    private long _alertsUnassigned;
    private long _fhirRequests;
    private long _fhirBadRequest;
    private long _fhirUnauthorised;
    private long _fhirForbidden;

    /// <summary>Counts a readings batch answered 200 with its outcome.</summary>
    public void Batch(int accepted, int duplicate, int rejected, int unassigned, long microseconds) =>
        Count(ref _accepted, ref _duplicate, ref _rejected, ref _unassigned, accepted, duplicate, rejected, unassigned, microseconds);

    /// <summary>Counts an alerts batch answered 200 with its outcome.</summary>
    public void AlertBatch(int accepted, int duplicate, int rejected, int unassigned, long microseconds) =>
        Count(ref _alertsAccepted, ref _alertsDuplicate, ref _alertsRejected, ref _alertsUnassigned, accepted, duplicate, rejected, unassigned, microseconds);

    /// <summary>Counts a refused batch by status code.</summary>
    public void Refused(int status)
    {
        switch (status)
        {
            case 400:
                Interlocked.Increment(ref _batchesBadRequest);
                break;
            case 401:
            case 403:
                Interlocked.Increment(ref _batchesUnauthorised);
                break;
            case 413:
                Interlocked.Increment(ref _batchesTooLarge);
                break;
            case 429:
                Interlocked.Increment(ref _batchesRateLimited);
                break;
            default:
                Interlocked.Increment(ref _batchesFailed);
                break;
        }
    }

    private void Count(ref long acceptedTotal, ref long duplicateTotal, ref long rejectedTotal, ref long unassignedTotal,
        int accepted, int duplicate, int rejected, int unassigned, long microseconds)
    {
        Interlocked.Increment(ref _batchesOk);
        Interlocked.Add(ref acceptedTotal, accepted);
        Interlocked.Add(ref duplicateTotal, duplicate);
        Interlocked.Add(ref rejectedTotal, rejected);
        Interlocked.Add(ref unassignedTotal, unassigned);
        Interlocked.Add(ref _batchMicroseconds, microseconds);
    }

    /// <summary>Counts a FHIR request.</summary>
    public void Fhir() => Interlocked.Increment(ref _fhirRequests);

    /// <summary>Counts a refused FHIR request: 400 (a search refused), 401 (no or an unknown credential) or 403 (not a reader's).</summary>
    public void FhirRefused(int status)
    {
        switch (status)
        {
            case 401:
                Interlocked.Increment(ref _fhirUnauthorised);
                break;
            case 403:
                Interlocked.Increment(ref _fhirForbidden);
                break;
            default:
                Interlocked.Increment(ref _fhirBadRequest);
                break;
        }
    }

    /// <summary>The exposition text.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        void Counter(string name, string help, params (string Labels, double Value)[] samples)
        {
            text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
            text.Append("# TYPE ").Append(name).Append(" counter\n");
            foreach ((string labels, double value) in samples)
            {
                text.Append(name).Append(labels).Append(' ').Append(value.ToString("0.######", CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        Counter("dorset_cloud_batches_total", "Batch requests (readings and alerts) by outcome.",
            ("{outcome=\"ok\"}", Interlocked.Read(ref _batchesOk)),
            ("{outcome=\"bad_request\"}", Interlocked.Read(ref _batchesBadRequest)),
            ("{outcome=\"unauthorised\"}", Interlocked.Read(ref _batchesUnauthorised)),
            ("{outcome=\"too_large\"}", Interlocked.Read(ref _batchesTooLarge)),
            ("{outcome=\"rate_limited\"}", Interlocked.Read(ref _batchesRateLimited)),
            ("{outcome=\"failed\"}", Interlocked.Read(ref _batchesFailed)));
        Counter("dorset_cloud_readings_total", "Readings in successful batches by outcome.",
            ("{outcome=\"accepted\"}", Interlocked.Read(ref _accepted)),
            ("{outcome=\"duplicate\"}", Interlocked.Read(ref _duplicate)),
            ("{outcome=\"rejected\"}", Interlocked.Read(ref _rejected)));
        Counter("dorset_cloud_readings_unassigned_total", "Accepted readings whose unit had no patient at the reading's time.",
            (string.Empty, Interlocked.Read(ref _unassigned)));
        Counter("dorset_cloud_alerts_total", "Alert revisions in successful alert batches by outcome.",
            ("{outcome=\"accepted\"}", Interlocked.Read(ref _alertsAccepted)),
            ("{outcome=\"duplicate\"}", Interlocked.Read(ref _alertsDuplicate)),
            ("{outcome=\"rejected\"}", Interlocked.Read(ref _alertsRejected)));
        Counter("dorset_cloud_alerts_unassigned_total", "Accepted alert revisions whose unit had no patient at the first breach.",
            (string.Empty, Interlocked.Read(ref _alertsUnassigned)));
        Counter("dorset_cloud_batch_seconds_total", "Time spent storing successful batches (readings and alerts).",
            (string.Empty, Interlocked.Read(ref _batchMicroseconds) / 1e6));
        Counter("dorset_cloud_fhir_requests_total", "FHIR API requests.", (string.Empty, Interlocked.Read(ref _fhirRequests)));
        Counter("dorset_cloud_fhir_refused_total", "FHIR API requests refused, by status.",
            ("{status=\"400\"}", Interlocked.Read(ref _fhirBadRequest)),
            ("{status=\"401\"}", Interlocked.Read(ref _fhirUnauthorised)),
            ("{status=\"403\"}", Interlocked.Read(ref _fhirForbidden)));
        return text.ToString();
    }
}
