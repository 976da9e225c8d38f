using System;
using System.Collections.Generic;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Settings;

namespace Dorset.Telehealth.Clinical.Monitoring;

/// <summary>A rule that fires on the passing of time rather than on a reading: it is given the time, never reads it.</summary>
public interface IClockRule : IClinicalRule
{
    /// <summary>One outcome per episode the rule knows for <paramref name="unit"/> at <paramref name="nowUtc"/>.</summary>
    IEnumerable<RuleOutcome> Evaluate(UnitSnapshot unit, PatientSettings settings, DateTimeOffset nowUtc);
}
