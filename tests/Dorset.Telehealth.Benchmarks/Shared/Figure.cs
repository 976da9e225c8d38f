namespace Dorset.Telehealth.Benchmarks.Shared;

/// <summary>
/// One measured figure beside the baseline measured in the same run (null where a measure has none), as RESULTS.md
/// renders it. <see cref="Chart"/> names the chart series the figure belongs to, if any.
/// </summary>
public sealed record Figure(string Measure, string Case, double Value, string Unit, string? BaselineName, double? Baseline, string? Goal, ChartSeries Chart = ChartSeries.None)
{
    /// <summary>Value over baseline; null without a baseline or with a zero one.</summary>
    public double? Ratio => Baseline is { } b && b != 0 ? Value / b : null;
}
