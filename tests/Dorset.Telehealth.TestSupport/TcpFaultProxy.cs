using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.TestSupport;

/// <summary>
/// A loopback TCP proxy between a client and a server that injects <see cref="TcpFault"/>s on demand, for chaos and
/// link-fault tests (the kernel's netem is not available on the test machines). Every loop ends when its socket
/// closes or the proxy is disposed; a stall waits at most <see cref="MaxStall"/>.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    /// <summary>The size of one piece under <see cref="TcpFault.Slow"/>.</summary>
    public const int SlowPieceBytes = 64;

    /// <summary>The pause between pieces under <see cref="TcpFault.Slow"/>.</summary>
    public static readonly TimeSpan SlowPause = TimeSpan.FromMilliseconds(20);

    /// <summary>The longest a stalled pump waits before it gives up its connection.</summary>
    public static readonly TimeSpan MaxStall = TimeSpan.FromMinutes(10);

    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<int, Link> _links = new();
    private readonly Task _accepting;
    private int _nextLink;
    private int _fault;
    private long _stalledPumps;
    private long _slowPieces;
    private long _accepted;

    private TcpFaultProxy(int port, IPEndPoint target)
    {
        _target = target;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        Port = port;
        _accepting = AcceptAsync();
    }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port { get; }

    /// <summary>The fault in force.</summary>
    public TcpFault Fault => (TcpFault)Volatile.Read(ref _fault);

    /// <summary>Connections accepted so far.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Times a pump found the link stalled and held its bytes.</summary>
    public long StalledPumps => Interlocked.Read(ref _stalledPumps);

    /// <summary>Pieces written under <see cref="TcpFault.Slow"/>.</summary>
    public long SlowPieces => Interlocked.Read(ref _slowPieces);

    /// <summary>A proxy on a free loopback port (<see cref="FreePort"/>) to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public static TcpFaultProxy Start(int targetPort) => new(FreePort.Next(), new IPEndPoint(IPAddress.Loopback, targetPort));

    /// <summary>Puts <paramref name="fault"/> in force for open and new connections until <see cref="Clear"/>.</summary>
    public void Inject(TcpFault fault)
    {
        Volatile.Write(ref _fault, (int)fault);
        foreach (Link link in _links.Values)
        {
            link.Apply(fault);
        }
    }

    /// <summary>Lets bytes pass again (a dropped or reset connection stays closed; the client reconnects).</summary>
    public void Clear() => Volatile.Write(ref _fault, (int)TcpFault.None);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (Link link in _links.Values)
        {
            link.Close(reset: false);
        }

        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await upstream.ConnectAsync(_target, _stop.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // The server is down: the client sees its connection reset, as it would without the proxy.
            client.LingerState = new LingerOption(true, 0);
            client.Dispose();
            upstream.Dispose();
            return;
        }

        int id = Interlocked.Increment(ref _nextLink);
        var link = new Link(client, upstream);
        _links[id] = link;
        link.Apply(Fault);
        try
        {
            await Task.WhenAll(PumpAsync(link, client, upstream, towardClient: false), PumpAsync(link, upstream, client, towardClient: true));
        }
        finally
        {
            _links.TryRemove(id, out _);
            link.Close(reset: false);
        }
    }

    private async Task PumpAsync(Link link, Socket from, Socket to, bool towardClient)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                int read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                if (!await WaitWhileStalledAsync())
                {
                    link.Close(reset: true);
                    return;
                }

                if (towardClient && link.ClientHalfClosed)
                {
                    // The client was told the stream ended: what the server sends now is lost.
                    continue;
                }

                await ForwardAsync(to, buffer.AsMemory(0, read));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            link.Close(reset: false);
        }
    }

    private async Task ForwardAsync(Socket to, ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bool slow = Fault == TcpFault.Slow;
            ReadOnlyMemory<byte> piece = slow ? bytes[..Math.Min(SlowPieceBytes, bytes.Length)] : bytes;
            if (slow)
            {
                // Counted before it is sent: the far end may read the last piece before this pump runs again.
                Interlocked.Increment(ref _slowPieces);
            }

            int sent = await to.SendAsync(piece, SocketFlags.None, _stop.Token);
            bytes = bytes[sent..];
            if (slow)
            {
                await Task.Delay(SlowPause, _stop.Token);
            }
        }
    }

    /// <summary>False when the stall outlasted <see cref="MaxStall"/>.</summary>
    private async Task<bool> WaitWhileStalledAsync()
    {
        if (Fault != TcpFault.Stall)
        {
            return true;
        }

        Interlocked.Increment(ref _stalledPumps);
        DateTime giveUp = DateTime.UtcNow + MaxStall;
        while (Fault == TcpFault.Stall)
        {
            if (DateTime.UtcNow > giveUp)
            {
                return false;
            }

            await Task.Delay(10, _stop.Token);
        }

        return true;
    }

    /// <summary>One client connection and its upstream.</summary>
    private sealed class Link(Socket client, Socket upstream)
    {
        private int _closed;

        public bool ClientHalfClosed { get; private set; }

        public void Apply(TcpFault fault)
        {
            switch (fault)
            {
                case TcpFault.Drop:
                    Close(reset: false);
                    break;
                case TcpFault.Reset:
                    Close(reset: true);
                    break;
                case TcpFault.HalfClose when !ClientHalfClosed:
                    ClientHalfClosed = true;
                    try
                    {
                        client.Shutdown(SocketShutdown.Send);
                    }
                    catch (Exception e) when (e is SocketException or ObjectDisposedException)
                    {
                    }

                    break;
            }
        }

        public void Close(bool reset)
        {
            if (Interlocked.Exchange(ref _closed, 1) == 1)
            {
                return;
            }

            foreach (Socket socket in new[] { client, upstream })
            {
                try
                {
                    if (reset)
                    {
                        // Linger 0: close sends RST instead of FIN.
                        socket.LingerState = new LingerOption(true, 0);
                    }
                    else if (socket.Connected)
                    {
                        // FIN first: a close with unread bytes in the receive buffer would send RST on Linux.
                        socket.Shutdown(SocketShutdown.Send);
                    }

                    socket.Dispose();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                }
            }
        }
    }
}
