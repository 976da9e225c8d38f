using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Server;

namespace Dorset.Telehealth.Gateway.Broker;

/// <summary>Translates <see cref="BrokerOptions"/> into MQTTnet's server options.</summary>
public static class BrokerServerOptionsExtensions
{
    /// <summary>
    /// The plain listener is bound to 127.0.0.1 whatever the configuration says: credentials must never cross the
    /// hub's network unencrypted. Units use the TLS listener.
    /// </summary>
    public static MqttServerOptionsBuilder WithBrokerOptions(this MqttServerOptionsBuilder builder, BrokerOptions options, X509Certificate2? certificate)
    {
        builder = builder.WithPersistentSessions(false).WithMaxPendingMessagesPerClient(1000);
        builder = options.PlainPort > 0
            ? builder.WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointBoundIPV6Address(IPAddress.None)
                .WithDefaultEndpointPort(options.PlainPort)
            : builder.WithoutDefaultEndpoint();
        if (options.TlsPort > 0 && certificate != null)
        {
            builder = builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(IPAddress.Parse(options.TlsBindAddress))
                .WithEncryptedEndpointBoundIPV6Address(IPAddress.None)
                .WithEncryptedEndpointPort(options.TlsPort)
                .WithEncryptionCertificate(certificate)
                .WithEncryptionSslProtocol(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
        }
        else
        {
            builder = builder.WithoutEncryptedEndpoint();
        }

        return builder;
    }
}
