using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Diagnostics;
using Microsoft.Extensions.Logging;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace Dorset.Telehealth.Gateway.Broker;

/// <summary>
/// The broker's TCP and TLS listeners, in place of MQTTnet's own (MqttTcpServerAdapter), which has no packet size
/// limit, waits 100 s (DefaultCommunicationTimeout) for a CONNECT and admits any number of connections per address.
/// Each connection here is admitted only while its address has fewer than the cap of unanswered connections, must
/// finish TLS and send its whole CONNECT within the connect timeout, and reads every packet through
/// <see cref="MqttPacketGuardStream"/>. The plain listener is bound to 127.0.0.1 whatever the configuration says:
/// credentials must never cross the hub's network unencrypted.
/// </summary>
public sealed class BrokerListener : IMqttServerAdapter
{
    private readonly BrokerOptions _options;
    private readonly X509Certificate2? _certificate;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PendingConnections _pending;
    private readonly List<Socket> _listeners = new();
    private CancellationTokenSource? _stopping;
    private MqttServerOptions? _serverOptions;
    private IMqttNetLogger _mqttLogger = new MqttNetNullLogger();

    /// <summary>Creates the listeners' adapter; the TLS listener runs only with a <paramref name="certificate"/>.</summary>
    public BrokerListener(BrokerOptions options, X509Certificate2? certificate, GatewayMetrics metrics, TimeProvider time, ILogger logger)
    {
        _options = options;
        _certificate = certificate;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _pending = new PendingConnections(options.MaxPendingConnectionsPerAddress);
    }

    /// <inheritdoc/>
    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    /// <inheritdoc/>
    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        _serverOptions = options;
        _mqttLogger = logger;
        _stopping = new CancellationTokenSource();
        if (_options.PlainPort > 0)
        {
            Listen(new IPEndPoint(IPAddress.Loopback, _options.PlainPort), tls: false);
        }

        if (_options.TlsPort > 0 && _certificate != null)
        {
            Listen(new IPEndPoint(IPAddress.Parse(_options.TlsBindAddress), _options.TlsPort), tls: true);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping?.Cancel();
        foreach (Socket listener in _listeners)
        {
            listener.Dispose();
        }

        _listeners.Clear();
        _stopping?.Dispose();
        _stopping = null;
    }

    private void Listen(IPEndPoint endpoint, bool tls)
    {
        var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(endpoint);
        listener.Listen(512);
        _listeners.Add(listener);
        CancellationToken stopping = _stopping!.Token;
        _ = Task.Run(() => AcceptAsync(listener, tls, stopping), CancellationToken.None);
    }

    private async Task AcceptAsync(Socket listener, bool tls, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                _logger.LogWarning("MQTT accept failed: {Error}", e.SocketErrorCode);
                continue;
            }

            // Admitted here, in the order the connections arrived, so the cap closes the newest; the deadline runs
            // from the accept, and exists before the connection is counted as pending.
            var remote = (IPEndPoint)client.RemoteEndPoint!;
            var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.ConnectTimeoutMilliseconds), _time);
            if (!_pending.TryEnter(remote.Address))
            {
                deadline.Dispose();
                _metrics.RecordPendingConnectionRefused();
                _logger.LogWarning("MQTT connection from {Address} refused: it already has {Max} connections waiting for CONNACK", remote.Address, _options.MaxPendingConnectionsPerAddress);
                client.Dispose();
                continue;
            }

            _metrics.AdjustPendingConnections(1);
            _ = Task.Run(() => ServeAsync(client, remote, tls, deadline), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket socket, IPEndPoint remote, bool tls, CancellationTokenSource deadline)
    {
        int answered = 0;
        void Answered()
        {
            if (Interlocked.Exchange(ref answered, 1) == 0)
            {
                _pending.Exit(remote.Address);
                _metrics.AdjustPendingConnections(-1);
            }
        }

        using var _ = deadline;
        CancellationTokenRegistration expiry = deadline.Token.Register(() =>
        {
            _metrics.RecordConnectTimeout();
            _logger.LogWarning("MQTT connection from {Address} closed: no CONNECT within {Timeout} ms", remote.Address, _options.ConnectTimeoutMilliseconds);
            socket.Dispose();
        });
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            socket.NoDelay = true;
            if (tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = _certificate,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                }, deadline.Token).ConfigureAwait(false);
            }

            var guard = new MqttPacketGuardStream(stream, reason =>
            {
                _metrics.RecordPacketRefused();
                _logger.LogWarning("MQTT packet from {Address} refused: {Reason}; connection closed", remote.Address, reason);
            });
            guard.FirstPacketRead += () => expiry.Dispose();
            guard.FirstWrite += Answered;
            stream = guard;
            var formatter = new MqttPacketFormatterAdapter(new MqttBufferWriter(_serverOptions!.WriterBufferSize, _serverOptions.WriterBufferSizeMax));
            using var adapter = new MqttChannelAdapter(new MqttTcpChannel(guard, socket.LocalEndPoint, remote, null), formatter, _mqttLogger);
            if (ClientHandler != null)
            {
                await ClientHandler(adapter).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or AuthenticationException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, failed its TLS handshake or ran out of time: there is no one to answer.
            _logger.LogDebug("MQTT connection from {Address} ended: {Error}", remote.Address, e.Message);
        }
        finally
        {
            expiry.Dispose();
            Answered();
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
