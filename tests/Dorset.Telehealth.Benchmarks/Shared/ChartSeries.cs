namespace Dorset.Telehealth.Benchmarks.Shared;

/// <summary>Which panel of the results chart a figure is drawn in.</summary>
public enum ChartSeries
{
    None,
    IngestRate,
    CpuPerReading,
}
