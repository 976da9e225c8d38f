using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace Dorset.Telehealth.TestSupport;

/// <summary>
/// Ports for servers started by tests. Asking the OS for port 0 and closing it is racy in two ways that CI hit: Linux
/// can hand the same ephemeral port to two consecutive asks (a gateway's MQTT and MQTTS ports collided), and any
/// outgoing connection may take an ephemeral port before the server binds it. So ports come from below the
/// ephemeral range (32768-60999 on Linux), each handed out once per process, from a start that differs per process
/// because test assemblies run side by side, and only after a bind on every address shows nobody holds them.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Count = 12000;

    private static int s_next = (Environment.ProcessId * 997) % Count;

    /// <summary>A TCP port, below the ephemeral range, that no listener held a moment ago and no earlier call returned.</summary>
    public static int Next()
    {
        for (int attempt = 0; attempt < Count; attempt++)
        {
            int port = First + (Interlocked.Increment(ref s_next) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free TCP port in {First}-{First + Count - 1}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            // Any, not loopback: a server bound to 0.0.0.0 or to 127.0.0.1 on this port makes this bind fail.
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
