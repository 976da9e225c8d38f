using System;
using System.Collections.Generic;

namespace Dorset.Telehealth.Gateway.StaffConsole.Trends;

/// <summary>One charted value: when it was taken, the number in the chart's unit, and the level of the alert it is in.</summary>
/// <param name="TakenUtc">When it was measured.</param>
/// <param name="Value">The value in the chart's unit (mg/dL glucose already in mmol/L).</param>
/// <param name="AlertLevel">The highest level of the alerts that cite it, or null when none does.</param>
public sealed record TrendPoint(DateTimeOffset TakenUtc, decimal Value, string? AlertLevel);

/// <summary>One line of a chart, e.g. systolic, oldest point first.</summary>
/// <param name="Name">What it is, e.g. "systolic".</param>
/// <param name="Points">Its points, oldest first.</param>
public sealed record TrendSeries(string Name, IReadOnlyList<TrendPoint> Points);
