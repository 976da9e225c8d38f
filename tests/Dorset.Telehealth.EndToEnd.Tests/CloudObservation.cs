using System;

namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>What the oracle reads off one FHIR Observation (<paramref name="Meal"/>: its glucose context's meal component).</summary>
public sealed record CloudObservation(string Unit, long OutboxSequence, string Address, string Identity, string Patient, string[] LoincCodes,
    decimal? Value, string? ValueUnit, string Effective, DateTimeOffset Issued, string? Meal);
