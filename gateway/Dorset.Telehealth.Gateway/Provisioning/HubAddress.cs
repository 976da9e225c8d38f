using System;
using Dorset.Telehealth.Gateway.Broker;

namespace Dorset.Telehealth.Gateway.Provisioning;

/// <summary>
/// The host name or address a provisioned unit is given for the hub's MQTT broker and SNTP. Never guessed: the machine
/// name (the certificate's default) means nothing to a unit on a patient's home Wi-Fi, so until an admin names the
/// hub's reachable address (`BrokerOptions:HostNames`, or `--host` on the CLI) no unit is provisioned.
/// </summary>
public static class HubAddress
{
    /// <summary>The longest host name accepted (RFC 1035's 253 characters).</summary>
    public const int MaxLength = 253;

    /// <summary>
    /// The address for units: <paramref name="hostFlag"/> when given, else the first of <c>BrokerOptions:HostNames</c>;
    /// or null and the one-line problem.
    /// </summary>
    public static (string? Host, string? Problem) For(BrokerOptions broker, string? hostFlag)
    {
        string? host = hostFlag ?? (broker.HostNames.Count > 0 ? broker.HostNames[0] : null);
        if (string.IsNullOrWhiteSpace(host))
        {
            return (null, "the hub's address for units is not set: set BrokerOptions:HostNames to the name or address "
                + "units reach the hub at from a patient's home (e.g. hub.example.nhs.uk), or pass --host; this machine's "
                + $"own name ({Environment.MachineName.ToLowerInvariant()}) is not reachable from there");
        }

        host = host.Trim();
        return IsHostName(host) ? (host, null)
            : (null, $"the hub's address for units must be a DNS name or an IP address such as hub.example.nhs.uk or 203.0.113.10, not '{Shown(host)}'");
    }

    private static bool IsHostName(string host) =>
        host.Length <= MaxLength && Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6
        && !host.Contains('*', StringComparison.Ordinal);

    // A refused value as typed, but on one line and not endless.
    private static string Shown(string value)
    {
        string oneLine = value.ReplaceLineEndings(" ");
        return oneLine.Length <= 80 ? oneLine : oneLine[..80] + "...";
    }
}
