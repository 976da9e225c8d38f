using System.Collections.Generic;
using System.Net;

namespace Dorset.Telehealth.Gateway.Broker;

/// <summary>
/// Connections accepted but not yet answered (no CONNACK), counted per remote address, so that one address cannot hold
/// hundreds of sockets open in the CONNECT phase (issue 13: 900 silent sockets held for minutes).
/// </summary>
public sealed class PendingConnections
{
    private readonly Dictionary<IPAddress, int> _byAddress = new();
    private readonly int _maxPerAddress;

    /// <summary>Creates the counter with the most pending connections one address may have.</summary>
    public PendingConnections(int maxPerAddress)
    {
        _maxPerAddress = maxPerAddress;
    }

    /// <summary>Counts a new connection from <paramref name="address"/>; false (and not counted) when it is at the cap.</summary>
    public bool TryEnter(IPAddress address)
    {
        lock (_byAddress)
        {
            _byAddress.TryGetValue(address, out int count);
            if (count >= _maxPerAddress)
            {
                return false;
            }

            _byAddress[address] = count + 1;
            return true;
        }
    }

    /// <summary>A connection counted by <see cref="TryEnter"/> was answered or closed.</summary>
    public void Exit(IPAddress address)
    {
        lock (_byAddress)
        {
            if (_byAddress.TryGetValue(address, out int count) && count > 1)
            {
                _byAddress[address] = count - 1;
            }
            else
            {
                _byAddress.Remove(address);
            }
        }
    }
}
