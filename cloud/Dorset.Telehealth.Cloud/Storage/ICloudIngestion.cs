using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Ingestion;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>Ingestion: gateways' batches of readings and alert revisions, stored idempotently and attributed to patients.</summary>
public interface ICloudIngestion
{
    /// <summary>Stores the batch idempotently (database unique key) and accounts for every reading.</summary>
    Task<IngestResult> IngestAsync(GatewayIdentity gateway, IReadOnlyList<BatchReading> readings, CancellationToken cancel = default);

    /// <summary>
    /// Stores alert revisions idempotently (database unique (alert_id, revision)) and accounts for every one; an
    /// alert is attributed to the patient whose unit assignment covers its first breach.
    /// </summary>
    Task<AlertIngestResult> IngestAlertsAsync(GatewayIdentity gateway, IReadOnlyList<BatchAlert> alerts, CancellationToken cancel = default);

    /// <summary>Stored readings, and how many of them are unassigned.</summary>
    Task<(long Total, long Unassigned)> CountReadingsAsync(CancellationToken cancel = default);

}
