using System;

namespace Dorset.Telehealth.Gateway.StaffConsole.Trends;

/// <summary>One reading in a chart's table, the chart's text alternative; every reading of the window has one, charted or not.</summary>
/// <param name="TakenUtc">When it was measured.</param>
/// <param name="Values">Its values with units, e.g. "glucose 7.2 mmol/L (sent as 130 mg/dL)".</param>
/// <param name="Alert">The alerts citing it, e.g. "red-urgent (glucose-low)", or null.</param>
/// <param name="NotCharted">Why it is not on the chart, e.g. "flagged control-solution", or null when it is.</param>
public sealed record TrendRow(DateTimeOffset TakenUtc, string Values, string? Alert, string? NotCharted);
