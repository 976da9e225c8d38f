using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Dorset.Telehealth.Gateway.Forwarding;

/// <summary>
/// A named HttpClient to the county cloud whose resilience handler (Microsoft.Extensions.Http.Resilience) retries
/// every answer but 2xx, 400 and 413 — 429, 5xx, 401/403 (a secret being fixed), 404 (an API not deployed yet) and
/// transport failures — until the cloud accepts or the host stops: exponential back-off with jitter between
/// ForwardingOptions' Min and MaxBackoffMilliseconds, the cloud's Retry-After when it sends one, and a timeout per
/// attempt. A 400 or 413 is the cloud's verdict on the batch, which the forwarder acts on (split, set aside), so it is
/// never re-sent as it was. Timers run on the host's <see cref="TimeProvider"/>, so tests drive them with a fake clock.
/// </summary>
public static class CloudClient
{
    /// <summary>
    /// Registers client <paramref name="name"/>; <paramref name="failed"/> is told of every failed attempt (what went
    /// wrong, and the wait before the next), before that wait.
    /// </summary>
    public static void AddCloudClient(this IServiceCollection services, string name,
        Func<IServiceProvider, Action<string, TimeSpan>> failed)
    {
        // The pipeline's timeouts govern; HttpClient's own would also cut the retries short.
        services.AddHttpClient(name, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(name, (pipeline, context) =>
            {
                ForwardingOptions options = context.ServiceProvider.GetRequiredService<IOptions<ForwardingOptions>>().Value;
                Action<string, TimeSpan> report = failed(context.ServiceProvider);
                // Said outright, not left to the DI default: the back-off, Retry-After and timeout tests run on a FakeTimeProvider.
                pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    // Readings wait on the hub until the cloud takes them: giving up would only restart the same wait.
                    MaxRetryAttempts = int.MaxValue,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true, // twelve hubs recovering together spread out
                    Delay = TimeSpan.FromMilliseconds(options.MinBackoffMilliseconds),
                    MaxDelay = TimeSpan.FromMilliseconds(options.MaxBackoffMilliseconds),
                    ShouldRetryAfterHeader = true, // the cloud's word on when (429, 503) outranks our guess
                    ShouldHandle = args => ValueTask.FromResult(IsWorthRetrying(args.Outcome, args.Context.CancellationToken)),
                    OnRetry = async args => report(await DescribeAsync(args.Outcome).ConfigureAwait(false), args.RetryDelay),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(options.RequestTimeoutSeconds));
            });
    }

    /// <summary>True for an outcome the same request may cure later: anything but a 2xx, a 400 or a 413, or the host stopping.</summary>
    public static bool IsWorthRetrying(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) => outcome switch
    {
        // The host stopping cancels the request: that is no failure to retry.
        { Exception: { } } => !cancellationToken.IsCancellationRequested && HttpClientResiliencePredicates.IsTransient(outcome),
        { Result: { } response } => !response.IsSuccessStatusCode && response.StatusCode is not (HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge),
        _ => false,
    };

    private static async Task<string> DescribeAsync(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } e)
        {
            return e is TimeoutRejectedException ? "timed out" : e.Message;
        }

        HttpResponseMessage response = outcome.Result!;
        string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        string hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? " (check ForwardingOptions:GatewayId/BearerSecret)" : string.Empty;
        return $"HTTP {(int)response.StatusCode} from {response.RequestMessage?.RequestUri?.AbsolutePath}{hint}: {(body.Length > 300 ? body[..300] + "..." : body)}";
    }
}
