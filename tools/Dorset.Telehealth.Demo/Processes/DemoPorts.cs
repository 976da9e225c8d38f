namespace Dorset.Telehealth.Demo.Processes;

/// <summary>The ports the demo's cloud, gateway and broker listen on (`--cloud-port`, `--gateway-port`, `--mqtt-port`).</summary>
public sealed record DemoPorts(int Cloud, int Gateway, int Mqtt);
