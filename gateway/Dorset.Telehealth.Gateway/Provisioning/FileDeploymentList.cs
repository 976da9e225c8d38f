using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.Gateway.Provisioning;

/// <summary>
/// The bundle's deploy.json for `nanoff --serialport PORT --filedeployment deploy.json`, run in the bundle's folder
/// (hardware/FLASHING.md step 6): it copies unit-config.json and the hub CA onto the unit's internal flash (LittleFS,
/// mounted as I:\), where the firmware reads them at every boot. Files, not resources built into the app: one app image
/// serves every unit, the image carries no secret, and an app update keeps the unit's config.
/// </summary>
public static class FileDeploymentList
{
    /// <summary>The list's file name in the bundle.</summary>
    public const string FileName = "deploy.json";

    /// <summary>The firmware's flash root (nanoFramework's internal LittleFS drive).</summary>
    public const string UnitFlashRoot = UnitFiles.FlashRoot;

    /// <summary>
    /// The list for the bundle's <paramref name="files"/>. Sources are bare file names, which nanoff opens from the
    /// folder it runs in: the bundle works wherever it is copied or unzipped, where an absolute path would name a
    /// folder on the hub that another PC lacks, and nanoff reports a file it cannot open only as a line of its output,
    /// still exiting 0.
    /// </summary>
    public static BundleFile For(IEnumerable<BundleFile> files)
    {
        var list = new
        {
            files = files.Where(f => f.Name is UnitFiles.Config or UnitFiles.HubCa)
                .Select(f => new { DestinationFilePath = UnitFlashRoot + f.Name, SourceFilePath = f.Name }).ToArray(),
        };
        return new BundleFile(FileName, JsonSerializer.SerializeToUtf8Bytes(list, new JsonSerializerOptions { WriteIndented = true }), HoldsSecret: false);
    }
}
