using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dorset.Telehealth.TestSubscriber;

/// <summary>
/// A FHIR rest-hook subscriber that a test starts, kills and starts again as a real process on a real port:
/// `dorset-test-subscriber --urls http://127.0.0.1:PORT [--expect-header "Name: value"] [--save-dir DIR]`.
/// It answers 200 to every notification Bundle POSTed to it and writes one stdout line per event
/// (`event {subscription} {event-number} {focus}`) or heartbeat (`heartbeat {subscription}`), after
/// `listening` once it accepts connections. With --expect-header a POST without that header is 401 and printed
/// as `refused`; with --save-dir each body is saved there, named by process id and arrival order.
/// Not a class named Program: the cloud's tests reference it, beside the cloud's own top-level Program.
/// </summary>
public static class SubscriberProgram
{
    private static int s_received;

    /// <summary>Runs until killed.</summary>
    public static async Task<int> Main(string[] args)
    {
        string? urls = Option(args, "--urls");
        if (urls == null)
        {
            Console.Error.WriteLine("usage: dorset-test-subscriber --urls http://127.0.0.1:PORT [--expect-header \"Name: value\"] [--save-dir DIR]");
            return 2;
        }

        string? expected = Option(args, "--expect-header");
        string? saveDir = Option(args, "--save-dir");
        var builder = WebApplication.CreateSlimBuilder(new[] { "--urls", urls });
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            if (expected != null && !HasHeader(context.Request, expected))
            {
                Console.Out.WriteLine("refused");
                return Results.StatusCode(401);
            }

            using var reader = new StreamReader(context.Request.Body);
            string body = await reader.ReadToEndAsync(context.RequestAborted);
            if (saveDir != null)
            {
                int n = Interlocked.Increment(ref s_received);
                await File.WriteAllTextAsync(Path.Combine(saveDir, $"notification-{Environment.ProcessId}-{n:D5}.json"), body, context.RequestAborted);
            }

            Print(body);
            return Results.Ok();
        });
        await app.StartAsync();
        Console.Out.WriteLine("listening");
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static void Print(string body)
    {
        using JsonDocument document = JsonDocument.Parse(body);
        JsonElement status = document.RootElement.GetProperty("entry")[0].GetProperty("resource");
        string subscription = string.Empty, type = string.Empty;
        foreach (JsonElement p in status.GetProperty("parameter").EnumerateArray())
        {
            switch (p.GetProperty("name").GetString())
            {
                case "subscription": subscription = p.GetProperty("valueReference").GetProperty("reference").GetString()!; break;
                case "type": type = p.GetProperty("valueCode").GetString()!; break;
            }
        }

        if (type == "heartbeat")
        {
            Console.Out.WriteLine($"heartbeat {subscription}");
            return;
        }

        foreach (JsonElement p in status.GetProperty("parameter").EnumerateArray().Where(p => p.GetProperty("name").GetString() == "notification-event"))
        {
            string number = string.Empty, focus = string.Empty;
            foreach (JsonElement part in p.GetProperty("part").EnumerateArray())
            {
                switch (part.GetProperty("name").GetString())
                {
                    case "event-number": number = part.GetProperty("valueString").GetString()!; break;
                    case "focus": focus = part.GetProperty("valueReference").GetProperty("reference").GetString()!; break;
                }
            }

            Console.Out.WriteLine($"event {subscription} {number} {focus}");
        }
    }

    private static bool HasHeader(HttpRequest request, string expected)
    {
        int colon = expected.IndexOf(':', StringComparison.Ordinal);
        return request.Headers.TryGetValue(expected[..colon].Trim(), out var values) && values.Contains(expected[(colon + 1)..].Trim());
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
