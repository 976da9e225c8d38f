using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Gateway.Forwarding;

/// <summary>One POST to the county cloud as every forwarder sends it: its base URL and gateway bearer secret (retries and timeouts are the client's, <see cref="CloudClient"/>).</summary>
public static class CloudPost
{
    /// <summary>Posts <paramref name="content"/> to <paramref name="path"/> below ForwardingOptions:CloudUrl.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, ForwardingOptions options, string path, HttpContent content,
        CancellationToken cancellationToken)
    {
        // The response is read in full before SendAsync returns (the default), so the request can go with this call.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(options.CloudUrl!.TrimEnd('/') + "/"), path)) { Content = content };
        if (!string.IsNullOrEmpty(options.BearerSecret))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.BearerSecret);
        }

        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
