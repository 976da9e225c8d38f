using System.Collections.Generic;

namespace Dorset.Telehealth.Emulator.VirtualDevices;

/// <summary>
/// A device that pushes its measurements once the central subscribes to them, as scales, cuffs and oximeters do when
/// the patient takes a reading: each queued value goes out as soon as its characteristic is subscribed, then the device
/// drops the link if <see cref="DisconnectWhenDone"/> (most do, to save battery).
/// </summary>
public abstract class VirtualPushDevice(string address, ushort service, string name) : VirtualPeripheral(address, service, name)
{
    private readonly List<(ushort Characteristic, byte[] Value)> _queued = [];

    /// <summary>Drop the link once everything queued has been sent.</summary>
    public bool DisconnectWhenDone { get; set; } = true;

    /// <summary>Values sent over the device's life.</summary>
    public int Sent { get; private set; }

    /// <summary>Values still waiting for a central.</summary>
    public int Waiting => _queued.Count;

    /// <summary>Queues a value for the next central that subscribes.</summary>
    protected void Queue(ushort characteristic, byte[] value) => _queued.Add((characteristic, value));

    /// <inheritdoc/>
    protected override void OnSubscribed(ushort characteristic)
    {
        for (int i = 0; i < _queued.Count;)
        {
            if (IsSubscribed(_queued[i].Characteristic) && Send(_queued[i].Characteristic, _queued[i].Value))
            {
                _queued.RemoveAt(i);
                Sent++;
            }
            else
            {
                i++;
            }
        }

        DisconnectIfDone();
    }

    /// <summary>True while the device still has something for the central beyond its queue (stored records).</summary>
    protected virtual bool HasMoreToOffer => false;

    /// <summary>Drops the link once nothing is left to send, if the device does that.</summary>
    protected void DisconnectIfDone()
    {
        if (_queued.Count == 0 && !HasMoreToOffer && DisconnectWhenDone)
        {
            Disconnect();
        }
    }
}
