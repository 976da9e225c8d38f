using System;
using System.Globalization;

namespace Dorset.Telehealth.TestSupport;

/// <summary>Reads one sample from a /metrics page (the Prometheus text exposition format).</summary>
public static class PrometheusText
{
    /// <summary>
    /// The value of the sample named <paramref name="series"/> exactly, labels included (e.g. name{outcome="ok"});
    /// an absent series throws, naming it, since a test that reads one expects the host to expose it.
    /// </summary>
    public static double Value(string text, string series)
    {
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{series} not in /metrics");
    }
}
