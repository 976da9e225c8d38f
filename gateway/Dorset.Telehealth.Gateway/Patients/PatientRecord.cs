namespace Dorset.Telehealth.Gateway.Patients;

/// <summary>A patient as the hub's staff know them: the hub's reference, the name they use, and the NHS number if known.</summary>
/// <param name="PatientRef">The hub's patient reference (what units, alerts and settings name).</param>
/// <param name="DisplayName">The name staff know the patient by, or null when none was entered.</param>
/// <param name="NhsNumber">The ten digits, or null when unknown (<see cref="Patients.NhsNumber"/>).</param>
public sealed record PatientRecord(string PatientRef, string? DisplayName, string? NhsNumber)
{
    /// <summary>The NHS number as 3-3-4, or null.</summary>
    public string? NhsNumberShown => NhsNumber == null ? null : Patients.NhsNumber.Format(NhsNumber);
}
