using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>
/// MQTT 3.1.1 packets written by hand on a raw socket: what a misbehaving or hostile client sends, which no well-made
/// client library lets a test send (a header announcing 64 MB, a socket that never sends CONNECT).
/// </summary>
public static class RawMqtt
{
    public static async Task<Socket> OpenAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 15_000, SendTimeout = 15_000 };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return socket;
    }

    /// <summary>CONNECT with clean session, user name and password, keep-alive 60 s.</summary>
    public static byte[] Connect(string clientId, string user, string password)
    {
        var body = new List<byte> { 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0xC2, 0, 60 };
        AddString(body, clientId);
        AddString(body, user);
        AddString(body, password);
        return Packet(0x10, body, 0);
    }

    /// <summary>The fixed header, topic and packet id of a QoS 1 PUBLISH whose payload of <paramref name="payloadLength"/> bytes follows.</summary>
    public static byte[] PublishHeader(string topic, int payloadLength, bool retain)
    {
        var body = new List<byte>();
        AddString(body, topic);
        body.Add(0);
        body.Add(1);
        return Packet((byte)(0x32 | (retain ? 1 : 0)), body, payloadLength);
    }

    /// <summary>Connects as <paramref name="user"/> and returns the socket once CONNACK accepted the login.</summary>
    public static async Task<Socket> LoginAsync(int port, string user, string password)
    {
        Socket socket = await OpenAsync(port);
        await socket.SendAsync(Connect(user, user, password));
        var connack = new byte[4];
        int read = 0;
        while (read < 4)
        {
            int n = await socket.ReceiveAsync(connack.AsMemory(read));
            if (n == 0)
            {
                throw new InvalidOperationException("the gateway closed the connection before CONNACK");
            }

            read += n;
        }

        Assert.Equal(new byte[] { 0x20, 2, 0, 0 }, connack);
        return socket;
    }

    /// <summary>
    /// True once the peer has closed <paramref name="socket"/> (a read returns 0 or the connection is reset); false when
    /// it is still open after <paramref name="within"/>, a bound on the gateway's answer, not a timer under test.
    /// </summary>
    public static async Task<bool> ClosedByPeerAsync(Socket socket, TimeSpan within)
    {
        var buffer = new byte[256];
        try
        {
            using var cts = new System.Threading.CancellationTokenSource(within);
            while (true)
            {
                if (await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private static void AddString(List<byte> body, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        body.Add((byte)(bytes.Length >> 8));
        body.Add((byte)bytes.Length);
        body.AddRange(bytes);
    }

    private static byte[] Packet(byte header, List<byte> body, int payloadLength)
    {
        var packet = new List<byte> { header };
        int remaining = body.Count + payloadLength;
        do
        {
            byte digit = (byte)(remaining % 128);
            remaining /= 128;
            packet.Add(remaining > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (remaining > 0);
        packet.AddRange(body);
        return packet.ToArray();
    }
}
