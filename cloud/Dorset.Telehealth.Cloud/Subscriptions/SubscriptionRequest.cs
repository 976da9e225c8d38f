using System;
using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;

namespace Dorset.Telehealth.Cloud.Subscriptions;

/// <summary>
/// Reads a posted R4 backport Subscription into what the store keeps, refusing (one line, as an OperationOutcome's
/// diagnostics) anything this server would not honour exactly: a topic it does not publish, a filter other than one
/// patient or one hub, a channel other than rest-hook to an http(s) URL, a payload other than FHIR JSON id-only or
/// full-resource, and sizes beyond the bounds below.
/// </summary>
public static class SubscriptionRequest
{
    /// <summary>The longest endpoint URL accepted.</summary>
    public const int MaxEndpointLength = 2048;

    /// <summary>The most channel headers accepted.</summary>
    public const int MaxHeaders = 5;

    /// <summary>The longest channel header ("Name: value") accepted.</summary>
    public const int MaxHeaderLength = 1024;

    /// <summary>The shortest and longest heartbeat period accepted, in seconds.</summary>
    public const int MinHeartbeatSeconds = 10, MaxHeartbeatSeconds = 86_400;

    /// <summary>Headers the cloud sets itself, which a subscription may not override.</summary>
    private static readonly string[] s_reservedHeaders = { "Content-Type", "Content-Length", "Host", "Transfer-Encoding", "Connection" };

    /// <summary>
    /// The subscription to store, or null with <paramref name="error"/>. The patient filter's NHS number is checked for
    /// shape here; whether the patient is registered is the caller's (it needs the registry).
    /// </summary>
    public static NewSubscription? Read(Subscription posted, string readerId, DateTimeOffset now, string fhirBase, out string error)
    {
        error = string.Empty;
        string? topic = posted.Criteria;
        if (topic == null || !SubscriptionTopics.FilterResource.TryGetValue(topic, out string? filterResource))
        {
            error = $"criteria must be a topic this server publishes: {string.Join(" or ", SubscriptionTopics.FilterResource.Keys)}";
            return null;
        }

        if (posted.End != null)
        {
            error = "end is not supported: end a subscription with DELETE /fhir/Subscription/{id}";
            return null;
        }

        SubscriptionFilter? filter = Filter(posted, filterResource, out error);
        Subscription.ChannelComponent? channel = posted.Channel;
        if (filter == null)
        {
            return null;
        }

        if (channel?.Type != Subscription.SubscriptionChannelType.RestHook)
        {
            error = "channel.type must be rest-hook";
            return null;
        }

        // A header element without a value (only an extension) carries nothing to send.
        List<string> headers = channel.Header.OfType<string>().ToList();
        if (!TryEndpoint(channel.Endpoint, out error) || !TryHeaders(headers, out error)
            || !TryContent(channel, out string content, out error) || !TryHeartbeat(channel, out int? heartbeat, out error))
        {
            return null;
        }

        return new NewSubscription(ObservationIds.New(), readerId, topic, filter, channel.Endpoint!, content, headers, heartbeat, now, fhirBase);
    }

    /// <summary>The one `backport-filter-criteria` on criteria: `{Resource}?patient={nhs}` or `{Resource}?hub={name}`.</summary>
    private static SubscriptionFilter? Filter(Subscription posted, string resource, out string error)
    {
        var criteria = posted.CriteriaElement?.Extension.Where(e => e.Url == BackportExtensions.FilterCriteria).ToList() ?? new List<Extension>();
        string usage = $"criteria needs one {BackportExtensions.FilterCriteria} extension: {resource}?patient={{NHS number}} or {resource}?hub={{hub name}}";
        if (criteria.Count != 1 || criteria[0].Value is not FhirString { Value: string text })
        {
            error = usage;
            return null;
        }

        string prefix = resource + "?";
        string query = text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : string.Empty;
        int eq = query.IndexOf('=', StringComparison.Ordinal);
        string name = eq > 0 ? query[..eq] : string.Empty;
        string value = eq > 0 ? Uri.UnescapeDataString(query[(eq + 1)..]) : string.Empty;
        if (name == SubscriptionFilter.Patient && !value.Contains('&', StringComparison.Ordinal))
        {
            string nhs = value.StartsWith("Patient/", StringComparison.Ordinal) ? value["Patient/".Length..] : value;
            if (!NhsNumber.TryNormalise(nhs, out string normalised, out string why))
            {
                error = $"filter patient: {why}";
                return null;
            }

            error = string.Empty;
            return new SubscriptionFilter(SubscriptionFilter.Patient, normalised);
        }

        if (name == SubscriptionFilter.Hub && value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            error = string.Empty;
            return new SubscriptionFilter(SubscriptionFilter.Hub, value);
        }

        error = usage + " (one parameter; a hub name is 1 to 64 letters, digits, '-', '_' or '.')";
        return null;
    }

    private static bool TryEndpoint(string? endpoint, out string error)
    {
        error = string.Empty;
        if (endpoint == null || endpoint.Length > MaxEndpointLength
            || !Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            error = $"channel.endpoint must be an absolute http or https URL of at most {MaxEndpointLength} characters";
            return false;
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            // A password in the URL would be shown by every read of the subscription; a header carries it instead.
            error = "channel.endpoint may carry no user:password and no #fragment; send a credential as a channel.header";
            return false;
        }

        return true;
    }

    private static bool TryHeaders(IReadOnlyList<string> headers, out string error)
    {
        error = string.Empty;
        if (headers.Count > MaxHeaders)
        {
            error = $"at most {MaxHeaders} channel.header values";
            return false;
        }

        foreach (string header in headers)
        {
            int colon = header.IndexOf(':', StringComparison.Ordinal);
            string name = colon > 0 ? header[..colon].Trim() : string.Empty;
            if (header.Length > MaxHeaderLength || name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
                || header.Any(c => c is '\r' or '\n' or '\0'))
            {
                error = $"channel.header must be 'Name: value' (a name of letters, digits and '-', one line, at most {MaxHeaderLength} characters)";
                return false;
            }

            if (s_reservedHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                error = $"channel.header may not set {name}: the cloud sets it";
                return false;
            }
        }

        return true;
    }

    private static bool TryContent(Subscription.ChannelComponent channel, out string content, out string error)
    {
        content = BackportExtensions.IdOnly;
        error = string.Empty;
        if (channel.Payload is string payload && payload != Apis.FhirSearch.FhirJson)
        {
            error = $"channel.payload must be {Apis.FhirSearch.FhirJson}";
            return false;
        }

        Extension? extension = channel.PayloadElement?.Extension.FirstOrDefault(e => e.Url == BackportExtensions.PayloadContent);
        if (extension == null)
        {
            // Ids only unless asked: a notification then carries no patient data, which the reader fetches with its secret.
            return true;
        }

        if (extension.Value is not Code { Value: BackportExtensions.IdOnly or BackportExtensions.FullResource } code)
        {
            error = $"payload content must be {BackportExtensions.IdOnly} or {BackportExtensions.FullResource}";
            return false;
        }

        content = code.Value;
        return true;
    }

    private static bool TryHeartbeat(Subscription.ChannelComponent channel, out int? seconds, out string error)
    {
        seconds = null;
        error = string.Empty;
        Extension? extension = channel.Extension.FirstOrDefault(e => e.Url == BackportExtensions.HeartbeatPeriod);
        if (extension == null)
        {
            return true;
        }

        if (extension.Value is not UnsignedInt { Value: int value } || value < MinHeartbeatSeconds || value > MaxHeartbeatSeconds)
        {
            error = $"heartbeat period must be an unsignedInt from {MinHeartbeatSeconds} to {MaxHeartbeatSeconds} seconds";
            return false;
        }

        seconds = value;
        return true;
    }
}
