namespace Dorset.Telehealth.Gateway.Provisioning;

/// <summary>What an admin gives to add a unit for a patient, as typed (the CLI's options or the console's form).</summary>
/// <param name="UnitId">The new unit's id, also its MQTT user name.</param>
/// <param name="PatientRef">The patient reference, or null for a unit not yet given to anyone.</param>
/// <param name="DisplayName">The name staff know the patient by, or null.</param>
/// <param name="NhsNumber">The patient's NHS number as typed (spaces allowed), or null.</param>
public sealed record UnitRequest(string UnitId, string? PatientRef, string? DisplayName, string? NhsNumber);
