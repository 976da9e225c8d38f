using System;
using System.Collections.Generic;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Settings;

namespace Dorset.Telehealth.Gateway.StaffConsole.Trends;

/// <summary>One line of a chart: which value of a reading it draws, read in the chart's unit (null when the reading has none).</summary>
/// <param name="Name">What staff read, e.g. "systolic".</param>
/// <param name="ValueName">The contract's value name that alerts cite, e.g. "systolic".</param>
/// <param name="Read">The value in the chart's unit, or null.</param>
public sealed record TrendValue(string Name, string ValueName, Func<ClinicalReading, decimal?> Read);

/// <summary>One chart of the patient page: its readings, its lines, and the bands the patient's settings give it.</summary>
/// <param name="Id">A stable id for the page's anchors, e.g. "glucose".</param>
/// <param name="Title">e.g. "Glucose".</param>
/// <param name="Unit">The chart's unit as staff read it, e.g. "mmol/L".</param>
/// <param name="Kinds">The reading kinds it draws from; the first is its own (its readings are tabled even without a value).</param>
/// <param name="Values">Its lines.</param>
/// <param name="Bands">The alert bands for a patient's settings.</param>
/// <param name="Note">What the bands do not show, or null.</param>
public sealed record TrendDefinition(
    string Id,
    string Title,
    string Unit,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<TrendValue> Values,
    Func<PatientSettings, IReadOnlyList<TrendBand>> Bands,
    string? Note);
