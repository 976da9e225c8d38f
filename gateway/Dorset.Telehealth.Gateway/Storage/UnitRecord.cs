using System;

namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>
/// A home unit as the registry knows it: identity, credentials state and its last reported status, with what needs
/// attention in it (<see cref="UnitAttention"/>).
/// </summary>
public sealed record UnitRecord(
    string UnitId,
    string? PatientRef,
    DateTimeOffset CreatedUtc,
    DateTimeOffset? RevokedUtc,
    string ConfigJson,
    bool Online,
    DateTimeOffset? LastSeenUtc,
    string? Firmware,
    int? BatteryPercent,
    int? RssiDbm,
    int? OutboxDepth,
    int? DroppedCount,
    bool? ClockSynced,
    string? Attention)
{
    /// <summary>True once <c>units revoke</c> ran: the broker refuses the unit from then on.</summary>
    public bool IsRevoked => RevokedUtc.HasValue;
}

/// <summary>What a unit reports on its status topic (architecture.md "MQTT contract"); absent fields stay unchanged.</summary>
public sealed record UnitStatusReport(
    bool? Online,
    string? Firmware,
    int? BatteryPercent,
    int? RssiDbm,
    int? OutboxDepth,
    int? DroppedCount,
    bool? ClockSynced,
    string RawJson);
