using System.Collections.Generic;
using System.IO.Compression;
using System.IO;
using System.Linq;
using System.Text.Json;
using System;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.Gateway.Provisioning;

/// <summary>
/// What a unit is flashed with: unit-config.json (id, MQTT host/port, credentials, topics, CA file name) and the hub
/// CA. The CLI writes it to a new folder (<see cref="BundleFolder"/>); the console hands it out as a zip. The config
/// holds the secret, so it is 0600 in both.
/// </summary>
public static class ProvisioningBundle
{
    /// <summary>The unit config file name.</summary>
    public const string ConfigFile = UnitFiles.Config;

    // Unix mode bits in a zip entry's external attributes (upper 16 bits): a regular file, owner read/write (0100600)
    // or also readable by others (0100644). unzip and .NET's extraction apply them.
    private const uint OwnerOnlyFile = 0x8180;
    private const uint ReadableFile = 0x81A4;

    /// <summary>
    /// Why a unit provisioned on this hub now could not connect, or null: units reach the hub only over TLS, so a
    /// gateway running without its TLS listener (the demo's loopback-only broker) must not hand out a bundle.
    /// </summary>
    public static string? ListenerProblem(BrokerOptions broker) => broker.TlsPort > 0 ? null
        : "this gateway runs without its TLS listener for units (--mqtts-port 0), so a unit provisioned here could never connect; start it with --mqtts-port 8883 (the default) and provision again";

    /// <summary>
    /// The bundle's files for <paramref name="unitId"/>, pointing it at <paramref name="host"/>: the address
    /// <see cref="ProvisioningReadiness.Check"/> found, which also made sure a generated hub CA exists.
    /// </summary>
    public static IReadOnlyList<BundleFile> Build(string unitId, string secret, string host, GatewayOptions gateway, BrokerOptions broker)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("unitId", unitId);
            json.WriteStartObject("mqtt");
            json.WriteString("host", host);
            json.WriteNumber("port", broker.TlsPort);
            json.WriteBoolean("tls", true);
            json.WriteString("caFile", UnitFiles.HubCa);
            json.WriteString("clientId", unitId);
            json.WriteString("username", unitId);
            json.WriteString("password", secret);
            json.WriteString("readingsTopic", MqttTopics.Readings(unitId));
            json.WriteString("statusTopic", MqttTopics.Status(unitId));
            json.WriteString("configTopic", MqttTopics.Config(unitId));
            json.WriteEndObject();
            json.WriteString("sntpServer", host);
            json.WriteEndObject();
        }

        var files = new List<BundleFile> { new(ConfigFile, buffer.ToArray(), HoldsSecret: true) };
        string caSource = HubCertificate.CaPath(gateway.DataDirFullPath);
        if (File.Exists(caSource))
        {
            files.Add(new BundleFile(UnitFiles.HubCa, File.ReadAllBytes(caSource), HoldsSecret: false));
        }

        return files;
    }

    /// <summary>The names of the files a bundle may hold, its deployment list included (no hub CA with an operator's certificate).</summary>
    public static IReadOnlyList<string> FileNames { get; } = new[] { ConfigFile, UnitFiles.HubCa, FileDeploymentList.FileName };

    /// <summary>
    /// The bundle's own folder, e.g. unit-0042-bundle: the one a downloaded zip unzips into, and the one the CLI makes
    /// for it in DATA_DIR/provisioning or in --out.
    /// </summary>
    public static string FolderName(string unitId) => unitId + "-bundle";

    /// <summary>
    /// The files and their nanoff deployment list as a zip whose entries sit in <see cref="FolderName"/>, the config
    /// marked 0600.
    /// </summary>
    public static byte[] Zip(string unitId, IReadOnlyList<BundleFile> files)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (BundleFile file in files.Append(FileDeploymentList.For(files)))
            {
                ZipArchiveEntry entry = zip.CreateEntry(FolderName(unitId) + "/" + file.Name, CompressionLevel.Optimal);
                entry.ExternalAttributes = unchecked((int)((file.HoldsSecret ? OwnerOnlyFile : ReadableFile) << 16));
                using Stream content = entry.Open();
                content.Write(file.Content);
            }
        }

        return buffer.ToArray();
    }
}
