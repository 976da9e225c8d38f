using Dorset.Telehealth.HomeUnit.Network;

namespace Dorset.Telehealth.Emulator.Host;

/// <summary>An emulated unit's "Wi-Fi": the host's network, always up, with a plausible indoor signal.</summary>
public sealed class HostWifi : IWifiStatus
{
    public bool IsConnected => true;

    public int Rssi => -55;
}
