using System.IO;
using System.Text.Json;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.Gateway.Provisioning;

/// <summary>
/// The bundle's deploy.json for `nanoff --serialport PORT --filedeployment deploy.json` (hardware/FLASHING.md step 6):
/// it copies unit-config.json and the hub CA onto the unit's internal flash (LittleFS, mounted as I:\), where the
/// firmware reads them at every boot. Files, not resources built into the app: one app image serves every unit, the
/// image carries no secret, and an app update keeps the unit's config.
/// </summary>
public static class FileDeploymentList
{
    /// <summary>The list's file name in the bundle.</summary>
    public const string FileName = "deploy.json";

    /// <summary>The firmware's flash root (nanoFramework's internal LittleFS drive).</summary>
    public const string UnitFlashRoot = UnitFiles.FlashRoot;

    /// <summary>
    /// The list for a bundle whose files sit in <paramref name="sourceFolder"/>: absolute for a folder the CLI wrote
    /// (nanoff runs from anywhere), relative for a downloaded zip (unzipped where its flashing lines are run).
    /// </summary>
    public static BundleFile For(string sourceFolder)
    {
        var files = new[] { UnitFiles.Config, UnitFiles.HubCa };
        var list = new
        {
            files = System.Array.ConvertAll(files, name => new { DestinationFilePath = UnitFlashRoot + name, SourceFilePath = Path.Combine(sourceFolder, name) }),
        };
        return new BundleFile(FileName, JsonSerializer.SerializeToUtf8Bytes(list, new JsonSerializerOptions { WriteIndented = true }), HoldsSecret: false);
    }
}
