using System;
using System.IO;
using Xunit;

namespace Dorset.Telehealth.TestSupport;

/// <summary>
/// Real third-party components (mosquitto, PostgreSQL, Chromium, qemu) are used for real when installed. Without them a
/// test skips and says why, unless DORSET_REQUIRE_INTEGRATION=1 (set by .ci/run after installing them), when the
/// absence is a failure: CI must never pass by skipping.
/// </summary>
public static class IntegrationTool
{
    /// <summary>The environment variable that turns a missing tool from a skip into a failure.</summary>
    public const string RequireVariable = "DORSET_REQUIRE_INTEGRATION";

    /// <summary>True when missing tools must fail the run.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>
    /// The full path of the first candidate that exists (an absolute path, or a name looked up on PATH). Otherwise the
    /// calling test is skipped with <paramref name="why"/>, or fails when integration is required.
    /// </summary>
    public static string Require(string why, params string[] candidates)
    {
        foreach (string candidate in candidates)
        {
            string? found = Locate(candidate);
            if (found != null)
            {
                return found;
            }
        }

        Unavailable($"{string.Join(" or ", candidates)} not found: {why}");
        throw new InvalidOperationException("unreachable: Unavailable throws");
    }

    /// <summary>
    /// Skips the calling test with <paramref name="message"/> (what is missing here, e.g. root for a tmpfs), or fails it
    /// when integration is required.
    /// </summary>
    public static void Unavailable(string message)
    {
        if (Required)
        {
            Assert.Fail($"{message} ({RequireVariable}=1, so this is a failure; .ci/run installs it)");
        }

        Assert.Skip(message);
    }

    /// <summary>The full path of <paramref name="candidate"/> (absolute, or a name on PATH), or null; for callers outside a test, which cannot skip.</summary>
    public static string? Locate(string candidate)
    {
        if (Path.IsPathRooted(candidate))
        {
            return File.Exists(candidate) ? candidate : null;
        }

        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            string path = Path.Combine(dir, candidate);
            if (dir.Length > 0 && File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
