using System;
using System.Collections.Generic;
using System.Text;
using Dorset.Telehealth.HomeUnit.Storage;

namespace Dorset.Telehealth.Emulator.VirtualDevices;

/// <summary>
/// The unit's side of its Bluetooth bonds, as NimBLE keeps them on the ESP32. On ESP32_BLE_REV0, the image
/// hardware/FLASHING.md flashes, `CONFIG_BT_NIMBLE_NVS_PERSIST=y` keeps them in flash, so a bond outlives a power cut
/// and the restart of the stack after every session; ESP32_BLE_REV3 keeps them in RAM only and forgets them at each
/// (HAZARD-LOG.md H29). <see cref="InFlash"/> is the first, <see cref="InRamOnly"/> the second.
/// </summary>
public sealed class BondStore
{
    /// <summary>The file standing in for NimBLE's NVS namespace in the unit's flash.</summary>
    public const string FileName = "ble-bonds.txt";

    private readonly IFlashStorage? _flash;
    private readonly Dictionary<string, string> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();

    private BondStore(IFlashStorage? flash)
    {
        _flash = flash;
        byte[]? stored = flash == null ? null : AtomicFile.Read(flash, FileName);
        foreach (string line in stored == null ? [] : Encoding.ASCII.GetString(stored).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.Split(' ');
            _keys[parts[0]] = parts[1];
        }
    }

    /// <summary>Bonds kept in the unit's flash, read back at every start (ESP32_BLE_REV0).</summary>
    public static BondStore InFlash(IFlashStorage flash) => new(flash);

    /// <summary>Bonds kept in RAM only, gone when the unit restarts (ESP32_BLE_REV3).</summary>
    public static BondStore InRamOnly() => new(null);

    /// <summary>The key kept for <paramref name="address"/>, or null.</summary>
    public string? KeyFor(string address)
    {
        lock (_gate)
        {
            return _keys.TryGetValue(address, out string? key) ? key : null;
        }
    }

    /// <summary>Keeps a new bond's key (replacing an older one for the same device).</summary>
    public void Keep(string address, string key)
    {
        lock (_gate)
        {
            _keys[address] = key;
            if (_flash != null)
            {
                var text = new StringBuilder();
                foreach (KeyValuePair<string, string> bond in _keys)
                {
                    text.Append(bond.Key).Append(' ').Append(bond.Value).Append('\n');
                }

                AtomicFile.Replace(_flash, FileName, Encoding.ASCII.GetBytes(text.ToString()));
            }
        }
    }
}
