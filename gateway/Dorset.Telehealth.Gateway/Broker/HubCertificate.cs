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
/// exactly this hub. A regenerated CA would lock every unit out, so existing files are always reused: a host name the
/// server certificate lacks gets a new server certificate from the same CA, never a new CA.
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
    /// the CA and the server certificate there first if they do not exist, and reissuing the server certificate (same
    /// CA, its old names kept) when it lacks one of <paramref name="hostNames"/>.
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

        X509Certificate2 server = X509CertificateLoader.LoadPkcs12FromFile(pfxPath, password: null);
        var missing = new List<string>();
        foreach (string name in hostNames)
        {
            if (!Names(server, name))
            {
                missing.Add(name);
            }
        }

        if (missing.Count == 0 || !File.Exists(Path.Combine(certDir, CaKeyFile)))
        {
            return server;
        }

        // A name added to HostNames (or given to `provision --host`) that the certificate lacks: a unit told to use it
        // would refuse the hub. The server certificate is reissued from the same CA, so every unit already flashed
        // still trusts the hub, and it keeps its old names, so units flashed with one of those still connect.
        var names = new List<string>(SubjectAlternativeNames(server));
        names.AddRange(missing);
        server.Dispose();
        using (var ca = X509Certificate2.CreateFromPemFile(caPath, Path.Combine(certDir, CaKeyFile)))
        {
            IssueServer(certDir, ca, names);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(pfxPath, password: null);
    }

    /// <summary>True when <paramref name="certificate"/> names <paramref name="host"/> (a DNS name or an IP address) among its subject alternative names.</summary>
    public static bool Names(X509Certificate2 certificate, string host) =>
        certificate.MatchesHostname(host, allowWildcards: true, allowCommonName: false);

    /// <summary>The DNS names and IP addresses of <paramref name="certificate"/>'s subject alternative names.</summary>
    public static IReadOnlyList<string> SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (X509Extension extension in certificate.Extensions)
        {
            if (extension.Oid?.Value == "2.5.29.17")
            {
                var san = new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
                names.AddRange(san.EnumerateDnsNames());
                foreach (IPAddress ip in san.EnumerateIPAddresses())
                {
                    names.Add(ip.ToString());
                }
            }
        }

        return names;
    }

    /// <summary>The CA certificate file in the data dir (exists after the first run or <c>units add</c>).</summary>
    public static string CaPath(string dataDir) => Path.Combine(dataDir, "tls", CaCertificateFile);

    /// <summary>The generated server certificate file in the data dir.</summary>
    public static string ServerPath(string dataDir) => Path.Combine(dataDir, "tls", ServerPfxFile);

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
        IssueServer(certDir, ca, hostNames);
        WritePrivate(Path.Combine(certDir, CaKeyFile), System.Text.Encoding.ASCII.GetBytes(caKey.ExportPkcs8PrivateKeyPem()));
        // The CA is written last: its presence marks a complete set (see LoadOrCreate).
        File.WriteAllText(Path.Combine(certDir, CaCertificateFile), ca.ExportCertificatePem() + "\n");
    }

    // A server certificate for hostNames signed by ca (which holds its private key), written over the old one at once.
    private static void IssueServer(string certDir, X509Certificate2 ca, IReadOnlyList<string> hostNames)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
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

        // Written beside it and renamed over it: a service starting meanwhile reads the old certificate or the new one,
        // never half of one (a missing pfx would make LoadOrCreate mint a new CA and lock every unit out).
        string pfxPath = Path.Combine(certDir, ServerPfxFile);
        WritePrivate(pfxPath + ".new", server.Export(X509ContentType.Pkcs12));
        File.Move(pfxPath + ".new", pfxPath, overwrite: true);
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
