using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Benchmarks.Cloud;
using Dorset.Telehealth.Benchmarks.Gateway;
using Dorset.Telehealth.Benchmarks.HomeUnit;
using Dorset.Telehealth.Benchmarks.Micro;

namespace Dorset.Telehealth.Benchmarks.Suite;

/// <summary>
/// One verb per measure (README.md beside the project), parsed by System.CommandLine so that a mistyped option, a
/// missing value or a count that is no number is refused in one line naming it, rather than quietly running the full
/// default load; `--help` lists the verbs and each verb's options with their defaults.
/// </summary>
public static class BenchmarkCommandLine
{
    /// <summary>The exit code of a command line that does not parse.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Parses <paramref name="args"/> and runs the verb; a parse error is one line per problem and exit code 2.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ParseResult parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (ParseError error in parse.Errors)
            {
                Console.Error.WriteLine($"benchmarks: {error.Message} (--help lists the verbs and their options)");
            }

            return UsageExitCode;
        }

        return await parse.InvokeAsync();
    }

    private static RootCommand Build()
    {
        var root = new RootCommand("Dorset Telehealth benchmarks: one verb per measure of issue 15, `all` for every one and RESULTS.md.");

        var quick = new Option<bool>("--quick") { Description = "Smaller loads (minutes, not the goals' sizes): the shape, not the verdict." };
        Verb(root, "all", "Every measure in turn; writes RESULTS.md and ingest-vs-mosquitto.svg.", p => AllBenchmarks.RunAsync(p.GetValue(quick)), quick);

        var ingestUnits = UnitCounts();
        var messages = Count("--messages", 20_000, "QoS 1 frames per load, shared among its units (warm-up frames come on top).");
        var perFrame = Count("--readings-per-frame", 1, "Readings in each frame.");
        Verb(root, "ingest", "Durable ingest against Mosquitto 2 (persistence off) and MQTTnet alone, same load.",
            p => Done(IngestBenchmark.RunAsync(p.GetValue(ingestUnits)!, p.GetValue(messages), p.GetValue(perFrame))), ingestUnits, messages, perFrame);

        var port = Count("--port", 1883, "The port to listen on (127.0.0.1).");
        Verb(root, "mqttnet-floor", "MQTTnet 5 with the gateway's server options and nothing else (started by `ingest`); Ctrl-C stops it.",
            p => MqttnetFloorServer.RunAsync(p.GetValue(port)), port);

        var profileUnits = Count("--units", 500, "Connected units.");
        var profileMessages = Count("--messages", 60_000, "QoS 1 frames, shared among the units.");
        Verb(root, "profile", "The gateway half of `ingest` under perf: where each microsecond of CPU per reading goes.",
            p => Done(IngestProfile.RunAsync(p.GetValue(profileUnits), p.GetValue(profileMessages), p.GetValue(perFrame))), profileUnits, profileMessages, perFrame);

        var fleet = Count("--units", 2000, "Connected units.");
        Verb(root, "rss", "Gateway RSS with the fleet connected under production credentials.", p => Done(RssBenchmark.RunAsync(p.GetValue(fleet))), fleet);

        var tabs = Count("--tabs", 5, "Open console tabs.");
        var consoleSamples = Count("--samples", 300, "Probe readings timed.");
        Verb(root, "console", "PUBACK to the event on open console tabs, and RSS, with the fleet connected.",
            p => Done(ConsoleBenchmark.RunAsync(p.GetValue(fleet), p.GetValue(tabs), p.GetValue(consoleSamples))), fleet, tabs, consoleSamples);

        var days = Count("--days", 90, "Days of history per patient.");
        var perDay = Count("--per-day", 4, "Readings of each kind a day.");
        var requests = Count("--requests", 50, "Page requests timed per window.");
        Verb(root, "patient-page", "Time and CPU to serve a patient page over 7, 30 and 90 days.",
            p => Done(PatientPageBenchmark.RunAsync(p.GetValue(days), p.GetValue(perDay), p.GetValue(requests))), days, perDay, requests);

        var minutes = Count("--minutes", 30, "How long the soak runs.");
        var interval = Count("--interval", 60, "Seconds between a unit's frames.");
        var sample = Count("--sample", 30, "Seconds between samples of RSS, fds, threads and heap.");
        Verb(root, "soak", "A steady fleet for a while: RSS, fds, threads and heap over time and their slope.",
            p => Done(SoakBenchmark.RunAsync(p.GetValue(fleet), TimeSpan.FromMinutes(p.GetValue(minutes)), TimeSpan.FromSeconds(p.GetValue(interval)), TimeSpan.FromSeconds(p.GetValue(sample)))),
            fleet, minutes, interval, sample);

        var frames = Count("--frames", 4, "Frames in each unit's outbox.");
        var recoveryPerFrame = Count("--readings-per-frame", 8, "Readings in each frame.");
        Verb(root, "recovery", "Gateway killed and restarted: time until every unit is back over TLS with its outbox drained.",
            p => Done(RecoveryBenchmark.RunAsync(p.GetValue(fleet), p.GetValue(frames), p.GetValue(recoveryPerFrame))), fleet, frames, recoveryPerFrame);

        var backlog = Count("--readings", 1_000_000, $"Unforwarded readings to drain (--quick: {BacklogDrainBenchmark.QuickReadings}).");
        var drainUnits = Count("--units", 50, "Units ingesting during the drain.");
        var lowPriority = new Option<bool>("--cloud-low-priority") { Description = "Diagnostic: the cloud and PostgreSQL at nice 19." };
        var noFsync = new Option<bool>("--postgres-no-fsync") { Description = "Diagnostic: PostgreSQL's flushes off the gateway's disk." };
        Verb(root, "backlog-drain", "A backlog drained to the cloud on PostgreSQL while units keep ingesting.", async p =>
        {
            int readings = p.GetResult(backlog) is { Implicit: false } || !p.GetValue(quick) ? p.GetValue(backlog) : BacklogDrainBenchmark.QuickReadings;
            return await BacklogDrainBenchmark.RunAsync(readings, p.GetValue(drainUnits), p.GetValue(lowPriority), p.GetValue(noFsync)) == null ? 1 : 0;
        }, backlog, quick, drainUnits, lowPriority, noFsync);

        var latencySamples = Count("--samples", 200, "Probe readings timed.");
        Verb(root, "latency", "A steady fleet: a probe's publish to gateway commit, console event and cloud commit, p50 and p99.",
            p => Done(LatencyBenchmark.RunAsync(p.GetValue(fleet), p.GetValue(latencySamples), p.GetValue(interval))), fleet, latencySamples, interval);

        var cloudReadings = Count("--readings", 100_000, "Readings posted each round.");
        var batch = Count("--batch", 500, "Readings per batch.");
        var clients = Count("--clients", 4, "Concurrent HTTP clients.");
        var rounds = Count("--rounds", 5, "Rounds; the median is reported.");
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string (default: a temporary server, fsync on)." };
        var direct = new Option<bool>("--direct") { Description = "Also time the store path without HTTP." };
        var cloudLog = new Option<bool>("--cloud-log") { Description = "Write the cloud's log to /tmp/bench-cloud.log." };
        Verb(root, "cloud-ingest", "The cloud's HTTP batch API into PostgreSQL against raw COPY of the same rows.",
            p => CloudIngestionBenchmark.RunAsync(new CloudIngestRun(p.GetValue(cloudReadings), p.GetValue(batch), p.GetValue(clients), p.GetValue(rounds),
                p.GetValue(postgres), p.GetValue(direct), p.GetValue(cloudLog))),
            cloudReadings, batch, clients, rounds, postgres, direct, cloudLog);

        var records = new Argument<int>("records") { Description = "Stored records the virtual meter holds.", DefaultValueFactory = _ => 20_000 };
        records.Validators.Add(AtLeastOne);
        Verb(root, "unit-pipeline", "One unit's pipeline, virtual meter to PUBACK, against decoding the same records alone.", p =>
        {
            UnitPipelineBenchmark.Run(p.GetValue(records));
            return Task.FromResult(0);
        }, records);

        // BenchmarkDotNet's own options (--filter, --job, ...) pass through untouched.
        Command micro = Verb(root, "micro", "BenchmarkDotNet, in process, with allocations: decode, frame encode and decode, ingest mapping, batch parse.",
            p => Task.FromResult(MicroBenchmarks.Run(p.GetValue(quick), p.UnmatchedTokens.ToArray())), quick);
        micro.TreatUnmatchedTokensAsErrors = false;

        return root;
    }

    private static Command Verb(RootCommand root, string name, string description, Func<ParseResult, Task<int>> run, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (Symbol symbol in symbols)
        {
            if (symbol is Option option)
            {
                command.Options.Add(option);
            }
            else
            {
                command.Arguments.Add((Argument)symbol);
            }
        }

        command.SetAction((parse, _) => run(parse));
        root.Subcommands.Add(command);
        return command;
    }

    // The measures print their own figures; a measure that returns has succeeded.
    private static async Task<int> Done(Task measure)
    {
        await measure;
        return 0;
    }

    private static Option<int> Count(string name, int fallback, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => fallback };
        option.Validators.Add(AtLeastOne);
        return option;
    }

    private static void AtLeastOne(SymbolResult result)
    {
        if (result is OptionResult { Implicit: true })
        {
            return;
        }

        // A value that is no number at all is the parser's own error, which names the option; this is the one below 1.
        if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n) && n < 1)
        {
            result.AddError($"{Name(result)} takes a whole number of at least 1, not '{result.Tokens[0].Value}'");
        }
    }

    // --units for `ingest` is a list: one load after another.
    private static Option<int[]> UnitCounts() => new("--units")
    {
        Description = "Unit counts, one load each, separated by commas.",
        DefaultValueFactory = _ => [50, 500],
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            var counts = new List<int>();
            foreach (string part in text.Split(','))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
                {
                    result.AddError($"--units takes unit counts separated by commas (e.g. 50,500), not '{text}'");
                    return [];
                }

                counts.Add(n);
            }

            return counts.ToArray();
        },
    };

    private static string Name(SymbolResult result) => result switch
    {
        OptionResult o => o.Option.Name,
        ArgumentResult a => a.Argument.Name,
        _ => "the value",
    };
}
