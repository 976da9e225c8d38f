using System;

namespace Dorset.Telehealth.Gateway.Forwarding;

/// <summary>The cloud answered with a status that means "the same batch later" (429, 5xx, 401/403).</summary>
public sealed class CloudRetryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CloudRetryException(string message, TimeSpan? retryAfter)
        : base(message)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>The cloud's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }
}
