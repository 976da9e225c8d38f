using System;
using System.Collections.Generic;
using System.IO;
using Dorset.Telehealth.Demo.Provisioning;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.Chaos.Oracle;

/// <summary>
/// Every reading the fleet's virtual devices hold, computed from the same script, seeds and week end the fleet uses
/// (unit i of the credentials file gets seed 1 + i), with the patient each unit is assigned to.
/// </summary>
public static class ScriptedReadings
{
    public static List<ExpectedReading> For(int units, int glucose, int spo2, int weight, int bp, DateTime weekEnd)
    {
        var result = new List<ExpectedReading>();
        IReadOnlyList<string> ids = PipelineProvisioner.UnitIds(units);
        IReadOnlyList<string> patients = SyntheticPatients.NhsNumbers(units);
        for (int u = 0; u < units; u++)
        {
            var script = new ReadingScript(1 + u, weekEnd);
            var home = new VirtualHome(ids[u], Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")), 0, 0, 0, 0, 1 + u);
            for (int i = 0; i < glucose; i++)
            {
                var g = script.Glucose(i, glucose);
                decimal mgdl = decimal.Parse(g.MilligramsPerDecilitre.ToString(), System.Globalization.CultureInfo.InvariantCulture);
                // The meter's meal context, as the script gives it to every third record (PROTOCOL.md GLS Meal 1..5).
                var context = script.GlucoseContext(i);
                result.Add(new ExpectedReading(ids[u], home.Meter.Address, "s" + g.Sequence, "glucose", patients[u], g.Time.ToIsoString(),
                    Math.Round(mgdl / 18.016m, 1, MidpointRounding.AwayFromZero), context == null ? null : GlucoseContextNames.Meals[context.Meal - 1], "mmol/L"));
            }

            for (int i = 0; i < spo2; i++)
            {
                string time = script.SpotCheck(i, spo2).Timestamp.ToIsoString();
                result.Add(new ExpectedReading(ids[u], home.Oximeter.Address, "t" + time, "pulse-oximetry", patients[u], time, null));
            }

            for (int i = 0; i < weight; i++)
            {
                var w = script.Weight(i, weight);
                result.Add(new ExpectedReading(ids[u], home.Scale.Address, "t" + w.Timestamp.ToIsoString(), "weight", patients[u], w.Timestamp.ToIsoString(),
                    decimal.Parse(w.Weight.ToString(), System.Globalization.CultureInfo.InvariantCulture), null, "kg"));
            }

            for (int i = 0; i < bp; i++)
            {
                string time = script.BloodPressure(i, bp).Timestamp.ToIsoString();
                result.Add(new ExpectedReading(ids[u], home.Cuff.Address, "t" + time, "blood-pressure", patients[u], time, null));
            }
        }

        return result;
    }
}
