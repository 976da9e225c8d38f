using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dorset.Telehealth.Gateway.Broker;

/// <summary>
/// The hub's TLS identity. On first run, when no certificate is configured, the gateway makes its own small CA and a
/// server certificate signed by it, both kept in the data dir; units are flashed with the CA (hub-ca.pem) and so trust
/// exactly this hub. A regenerated CA would lock every unit out, so existing files are always reused.
/// </summary>
public static class HubCertificate
{
    /// <summary>The CA certificate units trust (PEM, public).</summary>
    public const string CaCertificateFile = "hub-ca.pem";

    /// <summary>The CA key (PEM, kept 0600; needed only to re-issue the server certificate).</summary>
    public const string CaKeyFile = "hub-ca.key";

    /// <summary>The server certificate with its key (PKCS#12, no password; the file is 0600).</summary>
    public const string ServerPfxFile = "hub-server.pfx";

    /// <summary>
    /// Loads the server certificate from <paramref name="configuredPfx"/> when set, else from the data dir, creating
    /// the CA and the server certificate there first if they do not exist.
    /// </summary>
    /// <param name="dataDir">The gateway data dir.</param>
    /// <param name="hostNames">DNS names and IP addresses the units use to reach the hub (subject alternative names).</param>
    /// <param name="configuredPfx">An operator-supplied PKCS#12 file, or null.</param>
    /// <param name="configuredPassword">Its password, or null.</param>
    public static X509Certificate2 LoadOrCreate(string dataDir, IReadOnlyList<string> hostNames, string? configuredPfx, string? configuredPassword)
    {
        if (!string.IsNullOrEmpty(configuredPfx))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(configuredPfx, configuredPassword);
        }

        string certDir = Path.Combine(dataDir, "tls");
        Directory.CreateDirectory(certDir);
        string pfxPath = Path.Combine(certDir, ServerPfxFile);
        string caPath = Path.Combine(certDir, CaCertificateFile);
        if (!File.Exists(pfxPath) || !File.Exists(caPath))
        {
            Create(certDir, hostNames);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(pfxPath, password: null);
    }

    /// <summary>The CA certificate file in the data dir (exists after the first run or <c>units add</c>).</summary>
    public static string CaPath(string dataDir) => Path.Combine(dataDir, "tls", CaCertificateFile);

    private static void Create(string certDir, IReadOnlyList<string> hostNames)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Dorset Telehealth hub CA, O=Dorset Telehealth", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        // Units live for years and cannot be re-flashed remotely: a long-lived CA avoids a fleet-wide lockout.
        using X509Certificate2 ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest($"CN={(hostNames.Count > 0 ? hostNames[0] : "dorset-gateway")}", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (string name in hostNames)
        {
            if (IPAddress.TryParse(name, out IPAddress? ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using X509Certificate2 serverPublic = serverRequest.Create(ca, now.AddDays(-1), now.AddYears(10), serial);
        using X509Certificate2 server = serverPublic.CopyWithPrivateKey(serverKey);

        WritePrivate(Path.Combine(certDir, CaKeyFile), System.Text.Encoding.ASCII.GetBytes(caKey.ExportPkcs8PrivateKeyPem()));
        WritePrivate(Path.Combine(certDir, ServerPfxFile), server.Export(X509ContentType.Pkcs12));
        // The CA is written last: its presence marks a complete set (see LoadOrCreate).
        File.WriteAllText(Path.Combine(certDir, CaCertificateFile), ca.ExportCertificatePem() + "\n");
    }

    private static void WritePrivate(string path, byte[] content)
    {
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            stream.Write(content);
        }
    }
}
