namespace Dorset.Telehealth.Gateway.StaffConsole.Trends;

/// <summary>
/// A range of values shaded on a chart because a rule alerts there, e.g. glucose below 4.0 mmol/L is red. The shading
/// is never the only sign: <see cref="Label"/> is written in the band and beside the chart.
/// </summary>
/// <param name="From">The lower edge, or null for the bottom of the axis.</param>
/// <param name="To">The upper edge, or null for the top of the axis.</param>
/// <param name="Level">The alert level there (red-urgent, red, amber), which also names its CSS class.</param>
/// <param name="Label">What the band means with its unit, e.g. "red below 4.0 mmol/L".</param>
public sealed record TrendBand(decimal? From, decimal? To, string Level, string Label);
