using System;
using System.IO;

namespace Dorset.Telehealth.Demo.Provisioning;

/// <summary>The cloud credentials provisioning issued: the gateway's (to post readings) and the demo clinician's (to read FHIR).</summary>
/// <param name="Gateway">The gateway's bearer secret at the cloud.</param>
/// <param name="Reader">The FHIR reader's bearer secret.</param>
public sealed record PipelineSecrets(string Gateway, string Reader)
{
    /// <summary>The secrets of an earlier run, or null when that run predates either file.</summary>
    public static PipelineSecrets? Read(PipelineLayout layout)
    {
        return File.Exists(layout.GatewaySecretFile) && File.Exists(layout.ReaderSecretFile)
            ? new PipelineSecrets(File.ReadAllText(layout.GatewaySecretFile).Trim(), File.ReadAllText(layout.ReaderSecretFile).Trim())
            : null;
    }

    /// <summary>Writes both, readable by this user only.</summary>
    public void Write(PipelineLayout layout)
    {
        WritePrivate(layout.GatewaySecretFile, Gateway);
        WritePrivate(layout.ReaderSecretFile, Reader);
    }

    private static void WritePrivate(string path, string secret)
    {
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
