using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Fhir;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Subscriptions;

/// <summary>
/// A notification Bundle (R4 backport, backport-subscription-notification-r4): type history, the SubscriptionStatus
/// first, then an entry per focus and additional context, with the resource itself only for full-resource
/// subscriptions. History entries carry request and response, as R4 requires (bdl-3, bdl-4).
/// </summary>
public sealed class NotificationBundleBuilder
{
    private readonly FhirResourceReader _reader;

    /// <summary>Reads full resources through <paramref name="reader"/>.</summary>
    public NotificationBundleBuilder(FhirResourceReader reader)
    {
        _reader = reader;
    }

    /// <summary>The Bundle for <paramref name="events"/> (none: a heartbeat) at <paramref name="now"/>.</summary>
    public async Task<Bundle> BuildAsync(StoredSubscription s, IReadOnlyList<SubscriptionEvent> events, DateTimeOffset now, CancellationToken cancel)
    {
        NewSubscription sub = s.Subscription;
        Parameters status = SubscriptionStatusBuilder.Status(s, events.Count == 0 ? SubscriptionStatusBuilder.Kind.Heartbeat : SubscriptionStatusBuilder.Kind.EventNotification, events);
        var bundle = new Bundle { Id = Guid.NewGuid().ToString("N"), Type = Bundle.BundleType.History, Timestamp = now };
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = "urn:uuid:" + status.Id,
            Resource = status,
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.GET, Url = $"{sub.FhirBase}/Subscription/{sub.Id}/$status" },
            Response = new Bundle.ResponseComponent { Status = "200" },
        });

        foreach (SubscriptionEvent e in events)
        {
            await AddAsync(bundle, s, e.FocusType, e.FocusId, cancel);
            if (e.ContextId != null)
            {
                await AddAsync(bundle, s, e.FocusType, e.ContextId, cancel);
            }
        }

        return bundle;
    }

    private async Task AddAsync(Bundle bundle, StoredSubscription s, string type, string id, CancellationToken cancel)
    {
        // An Observation is created once; an alert's DetectedIssue is revised in place (a new revision is an update).
        bool created = type == "Observation" && !id.StartsWith(AlertCodes.EarlyWarningScoreIdPrefix, StringComparison.Ordinal);
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = SubscriptionStatusBuilder.FullUrl(s.Subscription, type, id),
            Resource = s.Subscription.Content == BackportExtensions.FullResource ? await _reader.ReadAsync(type, id, cancel) : null,
            Request = created
                ? new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = type }
                : new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = $"{type}/{id}" },
            Response = new Bundle.ResponseComponent { Status = created ? "201" : "200" },
        });
    }
}
