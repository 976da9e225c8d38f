using System;

namespace Dorset.Telehealth.Gateway.Forwarding;

/// <summary>The cloud link as the LEDs, /health, /metrics and `status` show it.</summary>
public sealed class ForwarderState
{
    private readonly object _gate = new();

    /// <summary>False when no cloud URL is configured.</summary>
    public bool Enabled { get; set; }

    /// <summary>True when the last post succeeded.</summary>
    public bool LinkOk { get; private set; }

    /// <summary>When the cloud last confirmed a batch.</summary>
    public DateTimeOffset? LastSuccessUtc { get; private set; }

    /// <summary>The last failure, e.g. "HTTP 503" or "connection refused".</summary>
    public string? LastError { get; private set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset? LastErrorUtc { get; private set; }

    /// <summary>Consecutive failed posts.</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>Records a confirmed batch.</summary>
    public void Succeeded(DateTimeOffset at)
    {
        lock (_gate)
        {
            LinkOk = true;
            LastSuccessUtc = at;
            ConsecutiveFailures = 0;
        }
    }

    /// <summary>Records a failed post.</summary>
    public void Failed(string error, DateTimeOffset at)
    {
        lock (_gate)
        {
            LinkOk = false;
            LastError = error;
            LastErrorUtc = at;
            ConsecutiveFailures++;
        }
    }
}
