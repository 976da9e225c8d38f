namespace Dorset.Telehealth.Gateway.Provisioning;

/// <summary>A unit just registered, with its secret: shown once, then only its hash exists.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="PatientRef">Its patient's reference, or null.</param>
/// <param name="Secret">The MQTT password the unit is flashed with.</param>
public sealed record ProvisionedUnit(string UnitId, string? PatientRef, string Secret);
