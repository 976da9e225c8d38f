using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>
/// A real TCP listener on loopback that accepts each connection and resets it at once (SO_LINGER 0, then close), before
/// a byte of HTTP is read: what a cloud load balancer that is restarting, or a full accept queue, does to a client.
/// </summary>
public sealed class ResettingListener : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _resets;

    public ResettingListener()
    {
        Port = FreePort.Next();
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, Port));
        _listener.Listen(16);
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Connections accepted and reset so far.</summary>
    public int Resets => Volatile.Read(ref _resets);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            connection.LingerState = new LingerOption(true, 0);
            connection.Close();
            Interlocked.Increment(ref _resets);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Close();
        await _accepting;
        _stop.Dispose();
    }
}
