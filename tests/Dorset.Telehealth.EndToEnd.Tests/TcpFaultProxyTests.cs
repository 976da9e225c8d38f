using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>Each fault of the TCP fault proxy, seen by a real client through it to a real echo server on loopback.</summary>
public sealed class TcpFaultProxyTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private readonly TcpListener _echo = new(IPAddress.Loopback, FreePort.Next());
    private readonly CancellationTokenSource _stop = new();
    private readonly TcpFaultProxy _proxy;

    public TcpFaultProxyTests()
    {
        _echo.Start();
        _ = EchoAsync();
        _proxy = TcpFaultProxy.Start(((IPEndPoint)_echo.LocalEndpoint).Port);
    }

    [Fact]
    public async Task WithoutAFault_BytesPassBothWays()
    {
        using var client = await ConnectAsync();

        Assert.Equal("hello", await EchoOnceAsync(client, "hello"));
    }

    [Fact]
    public async Task Reset_ResetsAnOpenConnection()
    {
        using var client = await ConnectAsync();
        await EchoOnceAsync(client, "before");

        _proxy.Inject(TcpFault.Reset);

        var e = await Assert.ThrowsAnyAsync<IOException>(() => ReadAsync(client, 1));
        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(e.InnerException).SocketErrorCode);
    }

    [Fact]
    public async Task Drop_EndsAnOpenConnectionAndEveryNewOne()
    {
        using var open = await ConnectAsync();
        await EchoOnceAsync(open, "before");

        _proxy.Inject(TcpFault.Drop);
        using var later = await ConnectAsync();

        Assert.Equal(0, await open.GetStream().ReadAsync(new byte[1], Cancel).AsTask().WaitAsync(Patience, Cancel));
        Assert.Equal(0, await later.GetStream().ReadAsync(new byte[1], Cancel).AsTask().WaitAsync(Patience, Cancel));
    }

    [Fact]
    public async Task Stall_HoldsBytesUntilCleared()
    {
        using var client = await ConnectAsync();
        _proxy.Inject(TcpFault.Stall);

        await client.GetStream().WriteAsync("held"u8.ToArray(), Cancel);
        Task<string> echoed = ReadAsync(client, 4);
        await Eventually.TrueAsync(() => _proxy.StalledPumps > 0, Patience);
        Assert.False(echoed.IsCompleted);
        _proxy.Clear();

        Assert.Equal("held", await echoed.WaitAsync(Patience, Cancel));
    }

    [Fact]
    public async Task Slow_DeliversEveryByteInPieces()
    {
        using var client = await ConnectAsync();
        _proxy.Inject(TcpFault.Slow);
        string text = new('x', 4 * TcpFaultProxy.SlowPieceBytes);

        Assert.Equal(text, await EchoOnceAsync(client, text));
        Assert.True(_proxy.SlowPieces >= 8, $"{_proxy.SlowPieces} pieces for {text.Length} bytes each way");
    }

    [Fact]
    public async Task HalfClose_EndsTheClientsReadingSide()
    {
        using var client = await ConnectAsync();
        await EchoOnceAsync(client, "before");

        _proxy.Inject(TcpFault.HalfClose);

        Assert.Equal(0, await client.GetStream().ReadAsync(new byte[1], Cancel).AsTask().WaitAsync(Patience, Cancel));
        // The client's own side is still open: its write is accepted.
        await client.GetStream().WriteAsync("after"u8.ToArray(), Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync();
        _stop.Cancel();
        _echo.Stop();
        _stop.Dispose();
    }

    private async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _proxy.Port, Cancel);
        return client;
    }

    private static async Task<string> EchoOnceAsync(TcpClient client, string text)
    {
        await client.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes(text), Cancel);
        return await ReadAsync(client, text.Length).WaitAsync(Patience, Cancel);
    }

    private static async Task<string> ReadAsync(TcpClient client, int count)
    {
        var buffer = new byte[count];
        await client.GetStream().ReadExactlyAsync(buffer, Cancel);
        return System.Text.Encoding.ASCII.GetString(buffer);
    }

    private async Task EchoAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _echo.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (socket)
                {
                    var buffer = new byte[4096];
                    try
                    {
                        int read;
                        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
                        {
                            await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
                        }
                    }
                    catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
                    {
                    }
                }
            });
        }
    }
}
