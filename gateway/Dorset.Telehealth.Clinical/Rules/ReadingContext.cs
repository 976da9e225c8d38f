using System.Collections.Generic;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Settings;

namespace Dorset.Telehealth.Clinical.Rules;

/// <summary>What a reading rule sees: the new reading, the unit's earlier eligible readings it asked for, and the settings.</summary>
/// <param name="Reading">The reading just stored.</param>
/// <param name="History">Other eligible readings of the unit in <see cref="ClinicalRuleSet.HistoryFor"/>'s window.</param>
/// <param name="Settings">The patient's settings.</param>
public sealed record ReadingContext(ClinicalReading Reading, IReadOnlyList<ClinicalReading> History, PatientSettings Settings);
