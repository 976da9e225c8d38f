using System.ComponentModel.DataAnnotations;

namespace Dorset.Telehealth.Cloud.Smart;

/// <summary>SMART Backend Services (cloud/README.md "SMART Backend Services"). Section "SmartOptions".</summary>
public sealed class SmartOptions
{
    /// <summary>
    /// The service's public address as clients reach it (e.g. https://cloud.dorset.example), behind the TLS proxy.
    /// The token endpoint, which every client assertion must name as its aud, is this plus /auth/token. Unset: the
    /// scheme and host of each request, right only when clients reach the service directly.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long an access token works. SMART Backend Services recommends five minutes at most.</summary>
    [Range(30, 3600)]
    public int AccessTokenLifetimeSeconds { get; set; } = 300;

    /// <summary>How far the clocks of client and cloud may disagree, for exp and nbf.</summary>
    [Range(0, 300)]
    public int ClockSkewSeconds { get; set; } = 30;
}
