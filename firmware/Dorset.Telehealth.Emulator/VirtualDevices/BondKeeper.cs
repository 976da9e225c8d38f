namespace Dorset.Telehealth.Emulator.VirtualDevices;

/// <summary>Keeps the bond key a device and the unit agreed on while pairing (the unit's side of the bond).</summary>
public delegate void BondKeeper(string address, string key);
