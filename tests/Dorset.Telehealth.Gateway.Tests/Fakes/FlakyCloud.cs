using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>
/// A minimal cloud for the batch contract, served by Kestrel on loopback, that fails on purpose: while
/// <see cref="Down"/> it answers 503, and <see cref="FailNext"/> more requests fail before it recovers. It records
/// every key in the order it first stored them and answers accepted/duplicate like the real cloud. With
/// <see cref="RetryAfter"/> set a failure is a 429 naming that wait; <see cref="HangNext"/> requests get no answer at all.
/// </summary>
public sealed class FlakyCloud : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _stored = new();
    private readonly List<string> _order = new();
    private int _failNext;
    private int _hangNext;

    public FlakyCloud()
    {
        Port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        _app.MapPost("/api/v1/readings/batch", (Delegate)HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public volatile bool Down;

    public int Requests;

    public int Failures;

    public string? LastAuthorization;

    /// <summary>Request bodies received, in order.</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    /// <summary>When set, a batch holding a matching key gets 400 naming that item (cloud/README.md "Errors").</summary>
    public Func<string, bool>? BadRequest { get; set; }

    /// <summary>When set, a batch of more readings than this is answered 413, as a cloud configured with that MaxBatchReadings does.</summary>
    public int? MaxReadings { get; set; }

    /// <summary>When set, keys matching it are answered as rejected.</summary>
    public Func<string, string?>? Reject { get; set; }

    /// <summary>When set, the response leaves these keys out (neither accepted nor duplicate).</summary>
    public Func<string, bool>? Omit { get; set; }

    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    /// <summary>When set, failures are 429 with this Retry-After (whole seconds) instead of 503.</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>The next <paramref name="count"/> requests are read and never answered (until the client gives up on them).</summary>
    public void HangNext(int count) => Interlocked.Exchange(ref _hangNext, count);

    public IReadOnlyList<string> StoredInOrder
    {
        get
        {
            lock (_order)
            {
                return _order.ToList();
            }
        }
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref Requests);
        LastAuthorization = context.Request.Headers.Authorization.ToString();
        string text = await new System.IO.StreamReader(context.Request.Body).ReadToEndAsync();
        Bodies.Enqueue(text);
        using JsonDocument body = JsonDocument.Parse(text);
        if (Interlocked.Decrement(ref _hangNext) >= 0)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.Empty;
        }

        if (Down || Interlocked.Decrement(ref _failNext) >= 0)
        {
            Interlocked.Increment(ref Failures);
            if (RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }

            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        if (body.RootElement.GetProperty("readings").GetArrayLength() > MaxReadings)
        {
            return Results.Problem(detail: $"readings must hold 1..{MaxReadings} items", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        int index = 0;
        foreach (JsonElement item in body.RootElement.GetProperty("readings").EnumerateArray())
        {
            string key = item.GetProperty("key").GetString()!;
            if (BadRequest?.Invoke(key) == true)
            {
                return Results.Problem(detail: "impossible value", statusCode: 400, extensions: new Dictionary<string, object?>
                {
                    ["index"] = index,
                    ["key"] = key,
                    ["field"] = $"readings[{index}].values[0].value",
                });
            }

            index++;
        }

        var accepted = new List<string>();
        var duplicate = new List<string>();
        var rejected = new List<object>();
        foreach (JsonElement item in body.RootElement.GetProperty("readings").EnumerateArray())
        {
            string key = item.GetProperty("key").GetString()!;
            if (Omit?.Invoke(key) == true)
            {
                continue;
            }

            string? reason = Reject?.Invoke(key);
            if (reason != null)
            {
                rejected.Add(new { key, reason });
                continue;
            }

            if (_stored.TryAdd(key, 0))
            {
                lock (_order)
                {
                    _order.Add(key);
                }

                accepted.Add(key);
            }
            else
            {
                duplicate.Add(key);
            }
        }

        return Results.Json(new { accepted, duplicate, rejected });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
