using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;

namespace Dorset.Telehealth.Gateway.Broker;

/// <summary>The embedded MQTT broker (appsettings section "BrokerOptions").</summary>
public sealed class BrokerOptions
{
    /// <summary>
    /// The plain (unencrypted) listener, bound to 127.0.0.1 only: for development, tests and tools on the box itself.
    /// 0 turns it off. Command line: --mqtt-port.
    /// </summary>
    [Range(0, 65535)]
    public int PlainPort { get; set; } = 1883;

    /// <summary>The TLS listener the units use. 0 turns it off. Command line: --mqtts-port.</summary>
    [Range(0, 65535)]
    public int TlsPort { get; set; } = 8883;

    /// <summary>The address the TLS listener binds to (default: every IPv4 interface).</summary>
    [Required]
    public string TlsBindAddress { get; set; } = "0.0.0.0";

    /// <summary>An operator-supplied server certificate (PKCS#12). Empty: generate a hub CA in the data dir on first run.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Names and addresses units use to reach the hub, written into a generated certificate and into provisioning
    /// bundles (the first one is the unit's MQTT host). Empty: the machine name, localhost and 127.0.0.1.
    /// </summary>
    public List<string> HostNames { get; set; } = new();

    /// <summary>The longest a refused login is held before the answer (the delay doubles per failure up to this).</summary>
    [Range(0, 60_000)]
    public int MaxFailedLoginDelayMilliseconds { get; set; } = 5_000;

    /// <summary>
    /// How long a new connection has to finish TLS and send its whole CONNECT before it is closed. A unit sends CONNECT
    /// as soon as its socket opens; a socket that says nothing is only holding a place.
    /// </summary>
    [Range(100, 60_000)]
    public int ConnectTimeoutMilliseconds { get; set; } = 5_000;

    /// <summary>
    /// The most connections one remote address may have waiting for CONNACK; more are closed at once. Units have an
    /// address each; a benchmark connecting hundreds at once from loopback raises this.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxPendingConnectionsPerAddress { get; set; } = 32;

    /// <summary><see cref="HostNames"/>, or the defaults when empty.</summary>
    public IReadOnlyList<string> EffectiveHostNames()
    {
        if (HostNames.Count > 0)
        {
            return HostNames;
        }

        return new[] { Environment.MachineName.ToLowerInvariant(), "localhost", "127.0.0.1" };
    }
}
