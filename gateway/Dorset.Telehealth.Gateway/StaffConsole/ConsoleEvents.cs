using System.Collections.Generic;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading;
using Dorset.Telehealth.Gateway.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>
/// GET /events: the hub's change feed (committed readings and alert changes) as server-sent events for an open console
/// page, which then redraws its live part. Needs a session like every page; EventSource reconnects by itself after a
/// gateway restart.
/// </summary>
public static class ConsoleEvents
{
    /// <summary>Maps the stream.</summary>
    public static IEndpointRouteBuilder MapConsoleEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events", (HubChangeFeed feed, HttpContext context) => TypedResults.ServerSentEvents(Stream(feed, context.RequestAborted)))
            .RequireAuthorization().WithName("ConsoleEvents").WithSummary("Readings and alert changes as server-sent events (console pages).")
            .ExcludeFromDescription();
        return app;
    }

    private static async IAsyncEnumerable<SseItem<string>> Stream(HubChangeFeed feed, [EnumeratorCancellation] CancellationToken cancel)
    {
        var changes = feed.Subscribe(cancel);
        // A first event sends the headers at once, so the page knows its stream is open (a named event: no redraw).
        yield return new SseItem<string>("subscribed", "ready");
        while (await changes.WaitToReadAsync(cancel).ConfigureAwait(false))
        {
            while (changes.TryRead(out HubChange? change))
            {
                yield return new SseItem<string>(change.Type + " " + change.Id + " " + change.Detail);
            }
        }
    }
}
