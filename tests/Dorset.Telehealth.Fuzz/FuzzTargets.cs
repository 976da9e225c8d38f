using System;
using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.Fuzz.Targets;

namespace Dorset.Telehealth.Fuzz;

/// <summary>Every fuzz target by name. Targets with a store are created only when asked for.</summary>
public static class FuzzTargets
{
    private static readonly IReadOnlyDictionary<string, Func<FuzzTarget>> s_all = Build();

    /// <summary>The target names, in the order the README lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = s_all.Keys.ToList();

    /// <summary>Creates the named target; dispose it when it is <see cref="IDisposable"/>.</summary>
    /// <exception cref="ArgumentException">No target has that name.</exception>
    public static FuzzTarget Create(string name) =>
        s_all.TryGetValue(name, out Func<FuzzTarget>? create)
            ? create()
            : throw new ArgumentException($"no fuzz target '{name}' (targets: {string.Join(", ", Names)})", nameof(name));

    private static IReadOnlyDictionary<string, Func<FuzzTarget>> Build()
    {
        var all = new Dictionary<string, Func<FuzzTarget>>(StringComparer.Ordinal);
        foreach (FuzzTarget gatt in GattTargets.All().Append(new UplinkFrameTarget()).Concat(UnitJsonTargets.All()))
        {
            all.Add(gatt.Name, () => gatt);
        }

        all.Add("gateway-publish", () => new GatewayPublishTarget());
        all.Add("cloud-readings-batch", () => new CloudReadingsBatchTarget());
        all.Add("cloud-alerts-batch", () => new CloudAlertsBatchTarget());
        all.Add("fhir-search", () => new FhirSearchTarget());
        return all;
    }
}
