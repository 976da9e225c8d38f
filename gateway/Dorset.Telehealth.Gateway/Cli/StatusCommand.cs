using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Storage;
using Spectre.Console;

namespace Dorset.Telehealth.Gateway.Cli;

/// <summary>`status`: the hub summarised in labelled lines, then its units, open alerts and latest quarantined frames.</summary>
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
        var json = new Option<bool>("--json")
        {
            Description = "Print the running service's /health document (needs --urls) instead of the summary, for scripts.",
        };
        var command = new Command("status", "The hub in a few lines (broker, units, cloud link, backlog, quarantine, disk, buzzer), then units, open alerts and quarantine.") { watch, json };
        common.AddTo(command);
        common.SetAction(command, (parse, context) =>
        {
            if (parse.GetValue(json))
            {
                return PrintJson(context);
            }

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
        foreach (string line in StatusSummary.Lines(context, ServiceHealth.Ask(context.Urls), DateTimeOffset.UtcNow))
        {
            Console.WriteLine(line);
        }

        AnsiConsole.Write(UnitsCommands.UnitTable(context.Units.List()));
        IReadOnlyList<Alerts.AlertRecord> open = new Alerts.AlertStore(context.Database).List(Alerts.AlertRecord.Open, null, null);
        AnsiConsole.Write(AlertsCommands.AlertTable(open, DateTimeOffset.UtcNow,
            $"open alerts ({open.Count}): acknowledge with `alerts ack ID --by NAME --note TEXT`"));

        if (context.Readings.Quarantine(10) is { Count: > 0 } frames)
        {
            var quarantine = new Table().Border(TableBorder.Rounded).Title($"quarantine (latest {frames.Count})")
                .AddColumn("id").AddColumn("unit").AddColumn("received (UTC)").AddColumn("reason").AddColumn("bytes");
            foreach (QuarantinedFrame frame in frames)
            {
                quarantine.AddRow(frame.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(frame.Unit), Markup.Escape(frame.ReceivedUtc),
                    Markup.Escape(frame.Reason), (frame.PayloadHex.Length / 2).ToString(CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(quarantine);
        }
    }

    // --json: the service's /health document as served, for scripts; without --urls there is nothing to ask (exit 2),
    // and a service that does not answer is a failure of the box, not of the command (exit 1).
    private static int PrintJson(CliContext context)
    {
        if (ServiceHealth.Ask(context.Urls) is not { } service)
        {
            Console.Error.WriteLine("--json prints the running service's /health: give --urls");
            return UnitsCommands.RefusedExitCode;
        }

        if (service.Body is null)
        {
            Console.Error.WriteLine($"failed: the service did not answer at {service.Url}: {service.Failure}");
            return GatewayCommandLine.FailedExitCode;
        }

        Console.WriteLine(service.Body);
        return 0;
    }
}
