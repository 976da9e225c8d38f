namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>
/// A health device a unit saw advertising while in pairing mode (firmware/PROTOCOL.md "Status", "candidates"). The
/// unit reads it only once an admin confirms it into the unit's config.
/// </summary>
/// <param name="Address">Its Bluetooth address as the unit wrote it (upper-case hex octets with colons).</param>
/// <param name="Kind">The kind its advertised service names: glucose-meter, pulse-oximeter, ...</param>
/// <param name="RssiDbm">Its signal at the unit, dBm (the nearest device is usually the patient's), or null.</param>
/// <param name="Name">Its advertised name, or null.</param>
public sealed record PairingCandidate(string Address, string Kind, int? RssiDbm, string? Name);
