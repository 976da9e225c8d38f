using System;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Apis;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;

namespace Dorset.Telehealth.Cloud.Subscriptions;

/// <summary>POSTs a notification Bundle to a subscription's rest-hook endpoint, with its channel headers.</summary>
public sealed class NotificationSender
{
    /// <summary>The named HttpClient: no redirects (a 3xx is a failure, never a hop to another host), the delivery timeout.</summary>
    public const string ClientName = "subscription-delivery";

    private readonly IHttpClientFactory _clients;

    /// <summary>Sends with clients from <paramref name="clients"/>.</summary>
    public NotificationSender(IHttpClientFactory clients)
    {
        _clients = clients;
    }

    /// <summary>Null when the subscriber answered 2xx, else why not (one line).</summary>
    public async Task<string?> SendAsync(NewSubscription s, Bundle bundle, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, s.Endpoint)
        {
            Content = new StringContent(FhirSearch.Serialize(bundle), Encoding.UTF8, FhirSearch.FhirJson),
        };
        foreach (string header in s.Headers)
        {
            int colon = header.IndexOf(':', StringComparison.Ordinal);
            request.Headers.TryAddWithoutValidation(header[..colon].Trim(), header[(colon + 1)..].Trim());
        }

        try
        {
            using HttpResponseMessage response = await _clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
            return response.IsSuccessStatusCode
                ? null
                : $"the endpoint answered HTTP {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)}";
        }
        catch (HttpRequestException e)
        {
            return $"the endpoint could not be reached: {e.HttpRequestError} ({e.Message})";
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            return "the endpoint did not answer within the delivery timeout";
        }
    }
}
