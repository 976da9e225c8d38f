using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System;
using Dorset.Telehealth.HomeUnit.Config;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.Emulator.Commands;

/// <summary>
/// What `unit` and `fleet` accept, each rule giving the one line that names the option and what it needs (null when
/// the value is fine), so bad input ends in that line and exit code 2, never in a stack trace.
/// </summary>
public static class UnitOptionRules
{
    /// <summary>The most readings one virtual device is scripted to hold.</summary>
    public const int MaxReadings = 100_000;

    /// <summary>The unit id rule of the firmware's config.</summary>
    public static string? UnitId(string option, string? id) =>
        UnitIds.IsValid(id) ? null : $"{option} must be {UnitIds.Rule}";

    /// <summary>The firmware refuses a config whose secret is shorter.</summary>
    public static string? Secret(string option, string? secret) =>
        secret is { Length: >= UnitConfig.MinimumPasswordLength } ? null : $"{option} must be at least {UnitConfig.MinimumPasswordLength} characters (the unit's secret from `units add`)";

    /// <summary>A count of scripted readings.</summary>
    public static string? Count(string option, int value) =>
        value is >= 0 and <= MaxReadings ? null : $"{option} must be 0..{MaxReadings}";

    /// <summary>`HOST:PORT` with a port 1..65535.</summary>
    public static string? Broker(string? text, out string host, out int port) =>
        UnitCommand.TryParseBroker(text, out host, out port) ? null : "--broker must be HOST:PORT with a port 1..65535";

    /// <summary>A readable PEM certificate.</summary>
    public static string? CaFile(string? path)
    {
        if (path == null)
        {
            return null;
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"--ca {path} cannot be read";
        }
        catch (CryptographicException)
        {
            return $"--ca {path} is not a PEM certificate";
        }
    }
}
