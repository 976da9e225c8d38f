using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>What the FHIR API reads: observations, alerts, the readings alerts name, and devices.</summary>
public interface IFhirQueries
{
    /// <summary>The reading served under this Observation id, or null.</summary>
    Task<StoredReading?> GetReadingAsync(string observationId, CancellationToken cancel = default);

    /// <summary>One page of attributed observations (readings' and partial NEWS2 alerts'), ordered by row id then part.</summary>
    Task<ObservationPage> SearchObservationsAsync(ObservationQuery query, CancellationToken cancel = default);

    /// <summary>The highest stored revision of the alert, or null.</summary>
    Task<StoredAlert?> GetCurrentAlertAsync(string alertId, CancellationToken cancel = default);

    /// <summary>One page of the current revisions of the patient's alerts that are issues (not partial NEWS2 scores), ordered by storage.</summary>
    Task<AlertPage> SearchDetectedIssuesAsync(string patientNhs, int count, int offset, CancellationToken cancel = default);

    /// <summary>The patient's readings with these keys; keys not stored (or another patient's) are absent.</summary>
    Task<IReadOnlyDictionary<string, StoredReadingRef>> FindReadingsAsync(string patientNhs, IReadOnlyCollection<string> keys, CancellationToken cancel = default);

    /// <summary>The device with this Bluetooth address as last seen in readings, or null.</summary>
    Task<DeviceRecord?> FindDeviceAsync(string address, CancellationToken cancel = default);
}
