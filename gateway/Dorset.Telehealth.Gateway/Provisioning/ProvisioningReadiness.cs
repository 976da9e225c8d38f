using System.Linq;
using System.Security.Cryptography.X509Certificates;
using Dorset.Telehealth.Gateway.Broker;

namespace Dorset.Telehealth.Gateway.Provisioning;

/// <summary>
/// Whether a unit provisioned on this hub now could connect to it, checked before anything is registered (the CLI's
/// `provision` and `units add`, the console's Provisioning page and its API): the TLS listener is on, the hub's
/// address for units is named, and the hub certificate names that address.
/// </summary>
public static class ProvisioningReadiness
{
    /// <summary>
    /// The address units are given, or the one-line problem. The hub CA is created on a first run. A generated server
    /// certificate that lacks the address is reissued from the same CA (HubCertificate.LoadOrCreate), so units flashed
    /// before still trust the hub; <c>Reissued</c> says so, since a running service serves the old one until restarted.
    /// An operator's certificate that lacks it is refused: only its issuer can add the name.
    /// </summary>
    public static (string? Host, string? Problem, bool Reissued) Check(GatewayOptions gateway, BrokerOptions broker, string? hostFlag)
    {
        if (ProvisioningBundle.ListenerProblem(broker) is string listener)
        {
            return (null, listener, false);
        }

        var (host, problem) = HubAddress.For(broker, hostFlag);
        if (host == null)
        {
            return (null, problem, false);
        }

        var names = broker.EffectiveHostNames().Append(host).Distinct(System.StringComparer.OrdinalIgnoreCase).ToList();
        bool generated = string.IsNullOrEmpty(broker.CertificatePath);
        byte[]? before = generated ? ServerThumbprint(gateway) : null;
        using X509Certificate2 certificate = HubCertificate.LoadOrCreate(gateway.DataDirFullPath, names, broker.CertificatePath, broker.CertificatePassword);
        if (!HubCertificate.Names(certificate, host))
        {
            return (null, generated
                ? $"the hub certificate in {gateway.DataDirFullPath}/tls does not name {host} and could not be reissued (is {HubCertificate.CaKeyFile} missing?)"
                : $"the hub certificate {broker.CertificatePath} does not name {host} (it names {string.Join(", ", HubCertificate.SubjectAlternativeNames(certificate))}): have it reissued with {host} as a subject alternative name, or give units one of the names it has", false);
        }

        return (host, null, before != null && !before.SequenceEqual(certificate.GetCertHash()));
    }

    // The generated server certificate's hash before the check, or null on a first run.
    private static byte[]? ServerThumbprint(GatewayOptions gateway)
    {
        string path = HubCertificate.ServerPath(gateway.DataDirFullPath);
        if (!System.IO.File.Exists(path))
        {
            return null;
        }

        using X509Certificate2 server = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
        return server.GetCertHash();
    }
}
