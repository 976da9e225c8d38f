namespace Dorset.Telehealth.Gateway.Provisioning;

/// <summary>One file of a provisioning bundle.</summary>
/// <param name="Name">Its file name.</param>
/// <param name="Content">Its bytes.</param>
/// <param name="HoldsSecret">True for the unit config, which carries the unit's MQTT password: owner-only (0600).</param>
public sealed record BundleFile(string Name, byte[] Content, bool HoldsSecret);
