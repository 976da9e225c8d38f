using System.Collections.Generic;
using System.Linq;

namespace Dorset.Telehealth.Protocol.Tests.Portability;

/// <summary>
/// What the nanoFramework packages the ESP32 app may use provide and need, from their published sources (each
/// package's .nuspec and project at the release packages.config names): which package a namespace's types come from,
/// the packages each depends on, and the assemblies each ships. A namespace spread over several packages maps to all
/// of them (ArrayList is mscorlib's, Hashtable and Queue are nanoFramework.System.Collections').
/// </summary>
public static class NanoFrameworkPackages
{
    /// <summary>Namespace imported by the app's sources to the packages whose types it uses from it.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ByNamespace = new Dictionary<string, string[]>
    {
        ["System"] = ["nanoFramework.CoreLibrary"],
        ["System.Collections"] = ["nanoFramework.CoreLibrary", "nanoFramework.System.Collections"],
        ["System.Diagnostics"] = ["nanoFramework.CoreLibrary"],
        ["System.Reflection"] = ["nanoFramework.CoreLibrary"],
        ["System.Text"] = ["nanoFramework.System.Text"],
        ["System.Threading"] = ["nanoFramework.CoreLibrary", "nanoFramework.System.Threading"],
        ["System.IO"] = ["nanoFramework.System.IO.FileSystem", "nanoFramework.System.IO.Streams"],
        ["System.Device.Gpio"] = ["nanoFramework.System.Device.Gpio"],
        ["System.Device.Wifi"] = ["nanoFramework.System.Device.Wifi"],
        ["System.Net.NetworkInformation"] = ["nanoFramework.System.Net"],
        ["System.Security.Cryptography.X509Certificates"] = ["nanoFramework.System.Net"],
        ["nanoFramework.Device.Bluetooth"] = ["nanoFramework.Device.Bluetooth"],
        ["nanoFramework.Device.Bluetooth.Advertisement"] = ["nanoFramework.Device.Bluetooth"],
        ["nanoFramework.Device.Bluetooth.GenericAttributeProfile"] = ["nanoFramework.Device.Bluetooth"],
        ["nanoFramework.M2Mqtt"] = ["nanoFramework.M2Mqtt"],
        ["nanoFramework.M2Mqtt.Messages"] = ["nanoFramework.M2Mqtt"],
        // Sntp is nanoFramework.Networking.Sntp's; WifiNetworkHelper is nanoFramework.System.Device.Wifi's.
        ["nanoFramework.Networking"] = ["nanoFramework.Networking.Sntp", "nanoFramework.System.Device.Wifi"],
        ["nanoFramework.Runtime.Native"] = ["nanoFramework.Runtime.Native"],
    };

    /// <summary>Each package's dependencies (its .nuspec).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Dependencies = new Dictionary<string, string[]>
    {
        ["nanoFramework.CoreLibrary"] = [],
        ["nanoFramework.Device.Bluetooth"] = ["nanoFramework.CoreLibrary", "nanoFramework.Runtime.Native", "nanoFramework.Runtime.Events", "nanoFramework.System.Text", "nanoFramework.System.Collections"],
        ["nanoFramework.M2Mqtt"] = ["nanoFramework.CoreLibrary", "nanoFramework.Runtime.Events", "nanoFramework.Runtime.Native", "nanoFramework.System.Collections", "nanoFramework.System.Net"],
        ["nanoFramework.Networking.Sntp"] = ["nanoFramework.CoreLibrary"],
        ["nanoFramework.Runtime.Events"] = ["nanoFramework.CoreLibrary"],
        ["nanoFramework.Runtime.Native"] = ["nanoFramework.CoreLibrary"],
        ["nanoFramework.System.Collections"] = ["nanoFramework.CoreLibrary"],
        ["nanoFramework.System.Device.Gpio"] = ["nanoFramework.CoreLibrary", "nanoFramework.Runtime.Events"],
        ["nanoFramework.System.Device.Wifi"] = ["nanoFramework.CoreLibrary", "nanoFramework.Runtime.Events", "nanoFramework.System.Net"],
        ["nanoFramework.System.IO.FileSystem"] = ["nanoFramework.CoreLibrary", "nanoFramework.Runtime.Events", "nanoFramework.System.IO.Streams", "nanoFramework.System.Text"],
        ["nanoFramework.System.IO.Streams"] = ["nanoFramework.CoreLibrary", "nanoFramework.System.Text"],
        ["nanoFramework.System.Net"] = ["nanoFramework.CoreLibrary", "nanoFramework.Runtime.Events", "nanoFramework.System.Text", "nanoFramework.System.Threading", "nanoFramework.System.IO.Streams"],
        ["nanoFramework.System.Text"] = ["nanoFramework.CoreLibrary"],
        ["nanoFramework.System.Threading"] = ["nanoFramework.CoreLibrary"],
    };

    /// <summary>The assemblies each package ships in lib\ (M2Mqtt carries M2Mqtt.Core inside it).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Assemblies = new Dictionary<string, string[]>
    {
        ["nanoFramework.CoreLibrary"] = ["mscorlib"],
        ["nanoFramework.Device.Bluetooth"] = ["nanoFramework.Device.Bluetooth"],
        ["nanoFramework.M2Mqtt"] = ["nanoFramework.M2Mqtt", "nanoFramework.M2Mqtt.Core"],
        ["nanoFramework.Networking.Sntp"] = ["nanoFramework.Networking.Sntp"],
        ["nanoFramework.Runtime.Events"] = ["nanoFramework.Runtime.Events"],
        ["nanoFramework.Runtime.Native"] = ["nanoFramework.Runtime.Native"],
        ["nanoFramework.System.Collections"] = ["nanoFramework.System.Collections"],
        ["nanoFramework.System.Device.Gpio"] = ["System.Device.Gpio"],
        ["nanoFramework.System.Device.Wifi"] = ["System.Device.Wifi"],
        ["nanoFramework.System.IO.FileSystem"] = ["System.IO.FileSystem"],
        ["nanoFramework.System.IO.Streams"] = ["System.IO.Streams"],
        ["nanoFramework.System.Net"] = ["System.Net"],
        ["nanoFramework.System.Text"] = ["nanoFramework.System.Text"],
        ["nanoFramework.System.Threading"] = ["System.Threading"],
    };

    /// <summary><paramref name="packages"/> and everything they depend on.</summary>
    public static SortedSet<string> WithDependencies(IEnumerable<string> packages)
    {
        var result = new SortedSet<string>(System.StringComparer.Ordinal);
        var pending = new Stack<string>(packages);
        while (pending.Count > 0)
        {
            string package = pending.Pop();
            if (result.Add(package))
            {
                foreach (string dependency in Dependencies[package])
                {
                    pending.Push(dependency);
                }
            }
        }

        return result;
    }
}
