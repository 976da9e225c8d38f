using System;
using System.IO;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Gateway.Ingest;

/// <summary>
/// Refuses new readings while free space on the data dir's file system is below
/// <see cref="GatewayOptions.MinimumFreeDiskBytes"/>. A refused reading stays in its unit's outbox (no PUBACK), which
/// is safer than a commit that fails half-way or leaves no room for the forwarder's bookkeeping. Nothing already
/// stored is deleted to make room: unforwarded readings are never pruned.
/// </summary>
public sealed class DiskGuard
{
    private static readonly TimeSpan s_probeInterval = TimeSpan.FromSeconds(2);
    private readonly GatewayOptions _options;
    private readonly GatewayAlarms _alarms;
    private readonly ILogger _logger;
    private readonly Func<string, long> _freeBytesProbe;
    private readonly object _gate = new();
    private DateTime _nextProbeUtc = DateTime.MinValue;
    private bool _tripped;
    private long _freeBytes = long.MaxValue;

    /// <summary>Creates the guard; <paramref name="freeBytesProbe"/> replaces the file-system query in tests.</summary>
    public DiskGuard(IOptions<GatewayOptions> options, GatewayAlarms alarms, ILogger<DiskGuard> logger, Func<string, long>? freeBytesProbe = null)
    {
        _options = options.Value;
        _alarms = alarms;
        _logger = logger;
        _freeBytesProbe = freeBytesProbe ?? FreeBytesOn;
    }

    /// <summary>Free bytes at the last probe.</summary>
    public long FreeBytes => Interlocked.Read(ref _freeBytes);

    /// <summary>True while new readings are refused.</summary>
    public bool Tripped
    {
        get
        {
            lock (_gate)
            {
                return _tripped;
            }
        }
    }

    /// <summary>True when there is room for new readings (probes the disk at most every 2 s).</summary>
    public bool AllowsIngest()
    {
        lock (_gate)
        {
            DateTime now = DateTime.UtcNow;
            if (now < _nextProbeUtc)
            {
                return !_tripped;
            }

            _nextProbeUtc = now + s_probeInterval;
            long free = _freeBytesProbe(_options.DataDirFullPath);
            Interlocked.Exchange(ref _freeBytes, free);
            bool low = free < _options.MinimumFreeDiskBytes;
            if (low && !_tripped)
            {
                _logger.LogError("DISK ALARM: {Free} bytes free on the data dir, below {Threshold}; new readings are not acknowledged and stay in the units' outboxes",
                    free, _options.MinimumFreeDiskBytes);
            }
            else if (!low && _tripped)
            {
                _logger.LogWarning("disk alarm cleared: {Free} bytes free; acknowledging readings again", free);
            }

            _tripped = low;
            _alarms.SetDiskAlarm(low);
            return !low;
        }
    }

    /// <summary>Free bytes for this user on <paramref name="path"/>'s file system (created if missing, as the service does).</summary>
    public static long FreeBytesOn(string path)
    {
        Directory.CreateDirectory(path);
        return new DriveInfo(path).AvailableFreeSpace;
    }
}
