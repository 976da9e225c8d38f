using System.Text.RegularExpressions;

namespace Dorset.Telehealth.Cloud.Ingestion;

/// <summary>
/// The text shapes the batch contracts share (cloud/README.md): the readings and the alerts contract name the same
/// unit ids, addresses, exact decimals and times, so one definition keeps them from drifting apart.
/// </summary>
public static partial class ContractPatterns
{
    /// <summary>A home unit id: 1..64 of A-Z a-z 0-9 . _ -.</summary>
    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    public static partial Regex UnitId();

    /// <summary>A Bluetooth address: six upper-case hex octets, colon-separated.</summary>
    [GeneratedRegex("^[0-9A-F]{2}(:[0-9A-F]{2}){5}$")]
    public static partial Regex Address();

    /// <summary>An exact decimal: up to nine digits each side of the point, no exponent.</summary>
    [GeneratedRegex("^-?[0-9]{1,9}(\\.[0-9]{1,9})?$")]
    public static partial Regex ExactDecimal();

    /// <summary>A device's local civil time, yyyy-MM-ddTHH:mm:ss exactly.</summary>
    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$")]
    public static partial Regex LocalTime();

    /// <summary>A UTC time, yyyy-MM-ddTHH:mm:ss[.f{1,7}]Z.</summary>
    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,7})?Z$")]
    public static partial Regex UtcTime();
}
