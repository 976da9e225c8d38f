using System;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Gateway.Broker;

/// <summary>
/// The hub certificate, loaded (or made, on a first run) once per process and shared by the MQTT TLS listener and the
/// console's HTTPS listener, so that units and the hub PC trust one CA (hub-ca.pem).
/// </summary>
public sealed class HubTlsIdentity : IDisposable
{
    private readonly Lazy<X509Certificate2> _certificate;

    /// <summary>Creates the identity; nothing is read until a listener asks.</summary>
    public HubTlsIdentity(IOptions<GatewayOptions> gateway, IOptions<BrokerOptions> broker)
    {
        _certificate = new Lazy<X509Certificate2>(() => HubCertificate.LoadOrCreate(
            gateway.Value.DataDirFullPath, broker.Value.EffectiveHostNames(), broker.Value.CertificatePath, broker.Value.CertificatePassword));
    }

    /// <summary>The server certificate with its key.</summary>
    public X509Certificate2 Certificate => _certificate.Value;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_certificate.IsValueCreated)
        {
            _certificate.Value.Dispose();
        }
    }
}
