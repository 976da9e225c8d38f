using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;

namespace Dorset.Telehealth.Cloud.Fhir;

/// <summary>
/// An Observation or DetectedIssue by the id the FHIR API serves it under, or null when it is not served (unknown, or
/// stored but attributed to nobody). The reads of the API and the full-resource notifications both use it, so a
/// subscriber is never sent what a read would refuse.
/// </summary>
public sealed class FhirResourceReader
{
    private readonly IFhirQueries _queries;

    /// <summary>Reads through <paramref name="queries"/>.</summary>
    public FhirResourceReader(IFhirQueries queries)
    {
        _queries = queries;
    }

    /// <summary>The resource of <paramref name="type"/> (Observation or DetectedIssue) with <paramref name="id"/>, or null.</summary>
    public Task<Resource?> ReadAsync(string type, string id, CancellationToken cancel) => type switch
    {
        "Observation" => ObservationAsync(id, cancel),
        "DetectedIssue" => DetectedIssueAsync(id, cancel),
        _ => System.Threading.Tasks.Task.FromResult<Resource?>(null),
    };

    /// <summary>A reading's random id, that id + "-pulse", or "news2-{alertId}".</summary>
    public async Task<Resource?> ObservationAsync(string id, CancellationToken cancel)
    {
        if (id.StartsWith(AlertCodes.EarlyWarningScoreIdPrefix, StringComparison.Ordinal))
        {
            StoredAlert? alert = await _queries.GetCurrentAlertAsync(id[AlertCodes.EarlyWarningScoreIdPrefix.Length..], cancel);
            return alert == null || alert.PatientNhs == null || !alert.IsScore
                ? null
                : AlertToEarlyWarningScoreMapper.Map(alert, await NamedReadingsAsync(alert, cancel));
        }

        ObservationPart part = id.EndsWith(FhirCodes.PulseIdSuffix, StringComparison.Ordinal) ? ObservationPart.Pulse : ObservationPart.Main;
        string readingId = part == ObservationPart.Pulse ? id[..^FhirCodes.PulseIdSuffix.Length] : id;
        if (!ObservationIds.IsWellFormed(readingId))
        {
            return null;
        }

        StoredReading? reading = await _queries.GetReadingAsync(readingId, cancel);
        // Same answer for "no such reading" and "not attributed": an unknown patient's reading is nobody's to read.
        if (reading == null || reading.PatientNhs == null
            || (part == ObservationPart.Pulse && !reading.Reading.Values.Any(v => v.Name == "pulse")))
        {
            return null;
        }

        return ReadingToObservationMapper.Map(reading, part);
    }

    /// <summary>An alert's current revision by alertId; partial NEWS2 scores are Observations, not issues.</summary>
    public async Task<Resource?> DetectedIssueAsync(string id, CancellationToken cancel)
    {
        StoredAlert? alert = await _queries.GetCurrentAlertAsync(id, cancel);
        return alert == null || alert.PatientNhs == null || alert.IsScore
            ? null
            : AlertToDetectedIssueMapper.Map(alert, await NamedReadingsAsync(alert, cancel));
    }

    /// <summary>The stored readings of the alert's patient that the alert names.</summary>
    public Task<IReadOnlyDictionary<string, StoredReadingRef>> NamedReadingsAsync(StoredAlert alert, CancellationToken cancel) =>
        _queries.FindReadingsAsync(alert.PatientNhs!, AlertCodes.ReadingsOf(alert.Alert).Select(r => r.Key).Distinct().ToList(), cancel);
}
