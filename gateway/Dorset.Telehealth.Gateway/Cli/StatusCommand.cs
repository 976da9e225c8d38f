using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Storage;
using Spectre.Console;

namespace Dorset.Telehealth.Gateway.Cli;

/// <summary>`status`: units, backlog, cloud link and quarantine as terminal tables.</summary>
public static class StatusCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var common = new CommonOptions();
        var watch = new Option<int?>("--watch")
        {
            Description = "Redraw the tables every N seconds (1..3600) until Ctrl-C: the console's twin for someone on the Pi over SSH.",
        };
        var command = new Command("status", "Tables of units, open alerts, backlog, cloud link and quarantine.") { watch };
        common.AddTo(command);
        common.SetAction(command, (parse, context) =>
        {
            if (parse.GetValue(watch) is not int seconds)
            {
                Draw(context);
                return 0;
            }

            if (seconds is < 1 or > 3600)
            {
                Console.Error.WriteLine("--watch takes 1..3600 seconds");
                return UnitsCommands.RefusedExitCode;
            }

            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
            do
            {
                AnsiConsole.Clear();
                AnsiConsole.MarkupLine(Markup.Escape($"dorset-gateway status, every {seconds} s (Ctrl-C stops), drawn {DateTime.Now:HH:mm:ss}"));
                Draw(context);
            }
            while (Wait(timer, stop.Token));

            return 0;
        });
        return command;
    }

    private static bool Wait(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return timer.WaitForNextTickAsync(stop).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static void Draw(CliContext context)
    {
        AnsiConsole.Write(UnitsCommands.UnitTable(context.Units.List()));
        IReadOnlyList<Alerts.AlertRecord> open = new Alerts.AlertStore(context.Database).List(Alerts.AlertRecord.Open, null, null);
        AnsiConsole.Write(AlertsCommands.AlertTable(open, DateTimeOffset.UtcNow,
            $"open alerts ({open.Count}): acknowledge with `alerts ack ID --by NAME --note TEXT`"));

        BacklogSummary backlog = context.Readings.Backlog();
        var state = new GatewayStateStore(context.Database).GetAll();
        var link = new Table().Border(TableBorder.Rounded).Title("backlog and cloud link").AddColumn("what").AddColumn("value");
        link.AddRow("service", Markup.Escape(ProbeService(context.Urls)));
        link.AddRow("readings stored", context.Readings.Count().ToString(CultureInfo.InvariantCulture));
        link.AddRow("waiting for the cloud", backlog.Count.ToString(CultureInfo.InvariantCulture));
        var (held, rejected) = context.Readings.ForwardingProblems();
        link.AddRow("held: slot not paired (units pair)", held.ToString(CultureInfo.InvariantCulture));
        link.AddRow("rejected by the cloud (kept)", rejected == 0 ? "0" : $"[red]{rejected}[/]");
        link.AddRow("oldest waiting since (UTC)", backlog.OldestReceivedUtc?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-");
        link.AddRow("cloud", Markup.Escape(context.Forwarding.CloudUrl ?? (state.TryGetValue(GatewayStateStore.CloudUrl, out var u) ? u : "not configured")));
        link.AddRow("last success (UTC)", Markup.Escape(state.TryGetValue(GatewayStateStore.LastForwardSuccess, out var s) ? s : "never"));
        link.AddRow("last error", Markup.Escape(state.TryGetValue(GatewayStateStore.LastForwardError, out var e) ? e + " at " + state.GetValueOrDefault(GatewayStateStore.LastForwardErrorUtc, "?") : "none"));
        AnsiConsole.Write(link);

        long quarantined = context.Readings.QuarantineCount();
        var quarantine = new Table().Border(TableBorder.Rounded).Title($"quarantine ({quarantined} frames)")
            .AddColumn("id").AddColumn("unit").AddColumn("received (UTC)").AddColumn("reason").AddColumn("bytes");
        foreach (QuarantinedFrame frame in context.Readings.Quarantine(10))
        {
            quarantine.AddRow(frame.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(frame.Unit), Markup.Escape(frame.ReceivedUtc),
                Markup.Escape(frame.Reason), (frame.PayloadHex.Length / 2).ToString(CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(quarantine);
    }

    private static string ProbeService(string? urls)
    {
        if (string.IsNullOrEmpty(urls))
        {
            return "not probed (give --urls to ask the running service)";
        }

        string first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0].Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://+", "://127.0.0.1", StringComparison.Ordinal);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            using var response = http.GetAsync(first.TrimEnd('/') + "/health").GetAwaiter().GetResult();
            return $"{first}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            return $"{first}: not reachable ({ex.Message})";
        }
    }
}
