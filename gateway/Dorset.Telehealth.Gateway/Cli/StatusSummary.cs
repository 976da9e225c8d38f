using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.StaffConsole;
using Dorset.Telehealth.Gateway.Storage;

namespace Dorset.Telehealth.Gateway.Cli;

/// <summary>
/// The head of `status`: one labelled line per part of the hub, in the console Overview's words, none wider than
/// <see cref="Width"/> columns. The broker and free disk come from the service's /health when --urls names it (the
/// documented source; free disk is measured on the data dir otherwise); everything else from the database, which the
/// service keeps current (the panel is rebuilt from the stored alerts, the cloud link from its last post).
/// </summary>
public static class StatusSummary
{
    /// <summary>No line is wider: an SSH terminal, or a log, reads it without wrapping.</summary>
    public const int Width = 100;

    private const int LabelWidth = 24;

    /// <summary>The lines, each at most <see cref="Width"/> characters.</summary>
    public static IReadOnlyList<string> Lines(CliContext context, ServiceHealth? service, DateTimeOffset nowUtc)
    {
        List<UnitRecord> units = context.Units.List().Where(u => !u.IsRevoked).ToList();
        int online = units.Count(u => u.Online);
        BacklogSummary backlog = context.Readings.Backlog();
        var (held, rejected) = context.Readings.ForwardingProblems();
        long free = service?.Figure("disk", "freeBytes") ?? DiskGuard.FreeBytesOn(context.Gateway.DataDirFullPath);
        string diskSource = service?.Figure("disk", "freeBytes") is null ? " (measured on the data dir)" : "";
        var lines = new List<(string Label, string Value)>
        {
            ("MQTT broker", Broker(service)),
            ("Home units", EquipmentWords.Units(online, units.Count - online)),
            ("Cloud link", CloudLink(context)),
            ("Waiting for the cloud", EquipmentWords.Backlog(backlog, nowUtc) + Problems(held, rejected)),
            ("Readings stored", context.Readings.Count().ToString(CultureInfo.InvariantCulture)),
            ("Quarantined frames", context.Readings.QuarantineCount().ToString(CultureInfo.InvariantCulture)),
            ("Free disk", EquipmentWords.FreeDisk(free, free < context.Gateway.MinimumFreeDiskBytes) + diskSource),
            ("Buzzer", EquipmentWords.Buzzer(new AlertStore(context.Database).Panel())),
        };
        return lines.Select(line => Fit(line.Label.PadRight(LabelWidth) + line.Value)).ToList();
    }

    private static string Broker(ServiceHealth? service)
    {
        if (service is null)
        {
            return "not asked (give --urls to ask the running service)";
        }

        if (service.Failure is { } failure)
        {
            return $"service not reachable at {service.Url}: {failure}";
        }

        return service.Check("broker") is { } broker
            ? (broker.Status == "Healthy" ? "listening" : "NOT listening: " + broker.Description)
            : $"{service.Url} did not report the broker";
    }

    private static string CloudLink(CliContext context)
    {
        IReadOnlyDictionary<string, string> state = new GatewayStateStore(context.Database).GetAll();
        DateTimeOffset? success = When(state, GatewayStateStore.LastForwardSuccess);
        DateTimeOffset? error = When(state, GatewayStateStore.LastForwardErrorUtc);
        string? url = string.IsNullOrWhiteSpace(context.Forwarding.CloudUrl) ? state.GetValueOrDefault(GatewayStateStore.CloudUrl) : context.Forwarding.CloudUrl;
        // The service records each outcome as it happens, so the later of the two is the link's state now.
        bool up = success.HasValue && (error is null || success >= error);
        return EquipmentWords.CloudLink(url != null, up, success, state.GetValueOrDefault(GatewayStateStore.LastForwardError)) + (url is null ? "" : $" ({url})");
    }

    private static DateTimeOffset? When(IReadOnlyDictionary<string, string> state, string key) =>
        state.TryGetValue(key, out string? text) ? Timestamp.Parse(text) : null;

    private static string Problems(long held, long rejected) =>
        (held > 0 ? $"; {held} held (slot not paired: units pair)" : "") + (rejected > 0 ? $"; {rejected} rejected by the cloud (kept)" : "");

    private static string Fit(string line) => line.Length <= Width ? line : line[..(Width - 3)] + "...";
}
