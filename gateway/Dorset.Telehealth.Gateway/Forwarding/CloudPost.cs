using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Gateway.Forwarding;

/// <summary>One POST to the county cloud as every forwarder sends it: its base URL and gateway bearer secret (the timeout is the named client's, StoreAndForwardExtensions).</summary>
public static class CloudPost
{
    /// <summary>Posts <paramref name="content"/> to <paramref name="path"/> below ForwardingOptions:CloudUrl.</summary>
    public static async Task<HttpResponseMessage> SendAsync(IHttpClientFactory httpFactory, ForwardingOptions options, string path, HttpContent content,
        CancellationToken cancellationToken)
    {
        HttpClient http = httpFactory.CreateClient(ForwardingService.HttpClientName);
        // The response is read in full before SendAsync returns (the default), so the request can go with this call.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(options.CloudUrl!.TrimEnd('/') + "/"), path)) { Content = content };
        if (!string.IsNullOrEmpty(options.BearerSecret))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.BearerSecret);
        }

        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
