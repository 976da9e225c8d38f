using System.Text.RegularExpressions;

namespace Dorset.Telehealth.Cloud.Ingestion;

/// <summary>
/// The text shapes the batch contracts share (cloud/README.md): the readings and the alerts contract name the same
/// unit ids, addresses, exact decimals and times, so one definition keeps them from drifting apart. Each ends in \z,
/// not $: $ also matches before a final newline, so "unit-1\n" passed as a unit id (found by the test that holds the
/// unit id rule equal to Protocol's).
/// </summary>
public static partial class ContractPatterns
{
    /// <summary>
    /// A home unit id: 1..64 of A-Z a-z 0-9 _ -, the one rule of unit, gateway and cloud (firmware's
    /// Protocol/Contract/UnitIds.cs; a test holds the two equal). No '.': ids name folders and files on the hub.
    /// </summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}\\z")]
    public static partial Regex UnitId();

    /// <summary>A Bluetooth address: six upper-case hex octets, colon-separated.</summary>
    [GeneratedRegex("^[0-9A-F]{2}(:[0-9A-F]{2}){5}\\z")]
    public static partial Regex Address();

    /// <summary>An exact decimal: up to nine digits each side of the point, no exponent.</summary>
    [GeneratedRegex("^-?[0-9]{1,9}(\\.[0-9]{1,9})?\\z")]
    public static partial Regex ExactDecimal();

    /// <summary>A device's local civil time, yyyy-MM-ddTHH:mm:ss exactly.</summary>
    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\z")]
    public static partial Regex LocalTime();

    /// <summary>A UTC time, yyyy-MM-ddTHH:mm:ss[.f{1,7}]Z.</summary>
    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,7})?Z\\z")]
    public static partial Regex UtcTime();
}
