using System;
using System.Security.Claims;
using System.Text;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Storage;
using Dorset.Telehealth.Cloud.Subscriptions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>Everything the Subscription handlers need.</summary>
public sealed class SubscriptionServices
{
    /// <summary>Creates the bundle.</summary>
    public SubscriptionServices(ISubscriptionStore store, ICloudRegistry registry, TimeProvider time)
    {
        Store = store;
        Registry = registry;
        Time = time;
    }

    /// <summary>The subscriptions.</summary>
    public ISubscriptionStore Store { get; }

    /// <summary>The registry, to check a patient filter names a registered patient.</summary>
    public ICloudRegistry Registry { get; }

    /// <summary>The clock subscriptions are created on.</summary>
    public TimeProvider Time { get; }
}

/// <summary>
/// FHIR Subscriptions, R4 backport (cloud/README.md "Subscriptions"): a FHIR reader registers a rest-hook for a
/// topic filtered by patient or hub, reads it, ends it, and asks its `$status`. A reader sees only its own
/// subscriptions; another's is 404, as an unknown one is.
/// </summary>
public static class FhirSubscriptionApi
{
    /// <summary>The largest Subscription body accepted (413 above it).</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>Maps the Subscription routes into the FHIR group (reader secret).</summary>
    public static RouteGroupBuilder MapSubscriptions(this RouteGroupBuilder group)
    {
        group.MapPost("Subscription", CreateAsync).WithName("CreateSubscription")
            .WithSummary("Register a rest-hook subscription (R4 backport) to the new-observation or alert topic, filtered by patient or hub");
        group.MapGet("Subscription/{id}", ReadAsync).WithName("ReadSubscription").WithSummary("One of this reader's subscriptions");
        group.MapDelete("Subscription/{id}", EndAsync).WithName("EndSubscription").WithSummary("End a subscription: nothing more is delivered");
        group.MapGet("Subscription/{id}/$status", StatusAsync).WithName("SubscriptionStatus")
            .WithSummary("The subscription's status (R4 backport $status): a searchset Bundle of one SubscriptionStatus Parameters");
        return group;
    }

    /// <summary>POST /fhir/Subscription.</summary>
    public static async Task<ContentHttpResult> CreateAsync(HttpContext context, [FromServices] SubscriptionServices s)
    {
        PooledBody? body = await PooledBody.ReadLimitedAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (body == null)
        {
            return FhirSearch.Outcome(413, OperationOutcome.IssueType.TooCostly, $"a Subscription is at most {MaxBodyBytes} bytes");
        }

        Subscription posted;
        using (body)
        {
            try
            {
                posted = new FhirJsonDeserializer().Deserialize<Subscription>(Encoding.UTF8.GetString(body.Memory.Span));
            }
            catch (DeserializationFailedException e)
            {
                return FhirSearch.Outcome(400, OperationOutcome.IssueType.Structure, "not a FHIR R4 Subscription in JSON: " + FirstLine(e.Message));
            }
        }

        NewSubscription? subscription = SubscriptionRequest.Read(posted, ReaderOf(context), s.Time.GetUtcNow(), FhirSearch.BaseUrl(context), out string error);
        if (subscription == null)
        {
            return FhirSearch.Outcome(400, OperationOutcome.IssueType.Invalid, error);
        }

        if (subscription.Filter.Kind == SubscriptionFilter.Patient && await s.Registry.FindPatientAsync(subscription.Filter.Value, context.RequestAborted) == null)
        {
            return FhirSearch.Outcome(400, OperationOutcome.IssueType.Value, "filter patient: no patient with this NHS number is registered");
        }

        await s.Store.CreateSubscriptionAsync(subscription, context.RequestAborted);
        StoredSubscription stored = (await s.Store.GetSubscriptionAsync(subscription.Id, context.RequestAborted))!;
        context.Response.Headers.Location = $"{FhirSearch.BaseUrl(context)}/Subscription/{subscription.Id}";
        return TypedResults.Content(FhirSearch.Serialize(SubscriptionStatusBuilder.Resource(stored)), FhirSearch.FhirJson, Encoding.UTF8, 201);
    }

    /// <summary>GET /fhir/Subscription/{id}.</summary>
    public static async Task<ContentHttpResult> ReadAsync(HttpContext context, string id, [FromServices] SubscriptionServices s) =>
        await OwnAsync(context, id, s) is StoredSubscription stored
            ? FhirSearch.Ok(SubscriptionStatusBuilder.Resource(stored))
            : FhirSearch.NotFound("Subscription", id);

    /// <summary>DELETE /fhir/Subscription/{id}: status off; its events stay stored, undelivered ones are not sent.</summary>
    public static async Task<ContentHttpResult> EndAsync(HttpContext context, string id, [FromServices] SubscriptionServices s)
    {
        if (await OwnAsync(context, id, s) == null)
        {
            return FhirSearch.NotFound("Subscription", id);
        }

        await s.Store.EndSubscriptionAsync(id, context.RequestAborted);
        return FhirSearch.Ok(SubscriptionStatusBuilder.Resource((await s.Store.GetSubscriptionAsync(id, context.RequestAborted))!));
    }

    /// <summary>GET /fhir/Subscription/{id}/$status.</summary>
    public static async Task<ContentHttpResult> StatusAsync(HttpContext context, string id, [FromServices] SubscriptionServices s)
    {
        if (await OwnAsync(context, id, s) is not StoredSubscription stored)
        {
            return FhirSearch.NotFound("Subscription", id);
        }

        var bundle = new Bundle { Id = Guid.NewGuid().ToString("N"), Type = Bundle.BundleType.Searchset, Total = 1, Timestamp = s.Time.GetUtcNow() };
        Parameters status = SubscriptionStatusBuilder.Status(stored, SubscriptionStatusBuilder.Kind.QueryStatus, Array.Empty<SubscriptionEvent>());
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = "urn:uuid:" + status.Id,
            Resource = status,
            Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
        });
        return FhirSearch.Ok(bundle);
    }

    /// <summary>The subscription when it is the calling reader's, else null.</summary>
    private static async Task<StoredSubscription?> OwnAsync(HttpContext context, string id, SubscriptionServices s)
    {
        if (!ObservationIds.IsWellFormed(id))
        {
            return null;
        }

        StoredSubscription? stored = await s.Store.GetSubscriptionAsync(id, context.RequestAborted);
        return stored != null && stored.Subscription.ReaderId == ReaderOf(context) ? stored : null;
    }

    private static string ReaderOf(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("endpoint requires an authenticated reader");

    private static string FirstLine(string text)
    {
        int end = text.IndexOfAny(new[] { '\r', '\n' });
        return end >= 0 ? text[..end] : text;
    }
}
