using System;
using System.ComponentModel.DataAnnotations;
using System.IO;

namespace Dorset.Telehealth.Gateway;

/// <summary>Settings every part of the gateway shares (appsettings section "GatewayOptions").</summary>
public sealed class GatewayOptions
{
    /// <summary>
    /// Where the database, the hub certificate and provisioning bundles live. ./data in development,
    /// /var/lib/dorset-gateway under systemd. Command line: --data-dir.
    /// </summary>
    [Required]
    public string DataDir { get; set; } = "data";

    /// <summary>
    /// Below this many free bytes on the data dir's file system the gateway stops acknowledging new readings (the units
    /// keep them in their outboxes) and raises the disk alarm. Default 256 MiB.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MinimumFreeDiskBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The full path of <see cref="DataDir"/>.</summary>
    public string DataDirFullPath => Path.GetFullPath(DataDir);

    /// <summary>The SQLite database file.</summary>
    public string DatabasePath => Path.Combine(DataDirFullPath, "gateway.db");

    /// <summary>Throws when the options cannot work (used by the CLI, which does not run the host's validation).</summary>
    public void EnsureValid()
    {
        if (string.IsNullOrWhiteSpace(DataDir))
        {
            throw new InvalidOperationException("GatewayOptions:DataDir (--data-dir) must not be empty");
        }
    }
}
