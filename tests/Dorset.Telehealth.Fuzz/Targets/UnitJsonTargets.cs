using System.Collections;
using System.Collections.Generic;
using Dorset.Telehealth.HomeUnit.Config;
using Dorset.Telehealth.HomeUnit.Devices;

namespace Dorset.Telehealth.Fuzz.Targets;

/// <summary>The unit's config file and the gateway's config topic, each with the rules an accepted document keeps.</summary>
public static class UnitJsonTargets
{
    /// <summary>Both targets.</summary>
    public static IEnumerable<FuzzTarget> All()
    {
        yield return new UnitJsonTarget<UnitConfig>("unit-config", UnitConfig.TryParse, "unit-config.json: ", CheckConfig);
        yield return new UnitJsonTarget<PairedDevice[]>("paired-device-list", PairedDeviceList.TryParse, "config: ", CheckDevices);
    }

    // The unit connects to exactly the port the file names: a number that does not fit is refused, never wrapped.
    private static void CheckConfig(UnitConfig config, Hashtable document)
    {
        object? port = (document["mqtt"] as Hashtable)?["port"];
        if (port is not long written || written != config.Port)
        {
            throw new ContractViolation($"unit-config: accepted mqtt.port {port} as port {config.Port}");
        }
    }

    private static void CheckDevices(PairedDevice[] devices, Hashtable document)
    {
        var list = (ArrayList)document["devices"]!;
        for (int i = 0; i < devices.Length; i++)
        {
            if (devices[i] == null || devices[i].Kind == DeviceKind.Unknown || devices[i].Slot is < 0 or > 15)
            {
                throw new ContractViolation($"paired-device-list: devices[{i}] accepted out of its rules");
            }
        }

        if (list.Count != devices.Length)
        {
            throw new ContractViolation($"paired-device-list: {list.Count} entries became {devices.Length} devices");
        }
    }
}
