namespace Dorset.Telehealth.Benchmarks.Results;

/// <summary>
/// One measured figure as data, so the results page is written from what was measured and never from console text.
/// <paramref name="Baseline"/> names what it is compared with in the same run (null: no baseline), and
/// <paramref name="Goal"/> is issue 15's goal for it, as the issue words it.
/// </summary>
public sealed record Figure(string Measure, double Value, string Unit, string? Baseline = null, double? BaselineValue = null, string? Goal = null)
{
    /// <summary>Value over baseline, when there is a baseline to divide by.</summary>
    public double? Ratio => BaselineValue is > 0 ? Value / BaselineValue : null;

    /// <summary>What the figure leaves out or how it was taken, when that changes how to read it.</summary>
    public string? Note { get; init; }
}
