using System;

namespace Dorset.Telehealth.Chaos.Oracle;

/// <summary>
/// What the oracle reads off one FHIR Observation (<paramref name="Meal"/>: its glucose context's meal component;
/// <paramref name="TimeSource"/>: device, unit-receipt or gateway-receipt; <paramref name="ReportedDeviceTime"/>: the
/// device's own time when it is not the effective time, as the cloud keeps it beside an untrusted one).
/// </summary>
public sealed record CloudObservation(string Unit, long OutboxSequence, string Address, string Identity, string Patient, string[] LoincCodes,
    decimal? Value, string? ValueUnit, string Effective, DateTimeOffset Issued, string? Meal, string? TimeSource = null, string? ReportedDeviceTime = null);
