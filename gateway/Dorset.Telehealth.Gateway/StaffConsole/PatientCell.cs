using System.Collections.Generic;

namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>
/// Who a row is about, as the _PatientCell partial shows it: the name staff know (or the reference), linked to the
/// patient's page, and the unit, linked to its page, so a nurse goes from an alert to the person in one click.
/// </summary>
/// <param name="PatientRef">The patient reference, or null for a unit not yet given to a patient.</param>
/// <param name="UnitId">The unit.</param>
/// <param name="DisplayName">The patient's display name, or null when none was entered.</param>
public sealed record PatientCell(string? PatientRef, string UnitId, string? DisplayName)
{
    /// <summary>The cell of a row about <paramref name="unitId"/> of <paramref name="patientRef"/>.</summary>
    public static PatientCell For(string? patientRef, string unitId, IReadOnlyDictionary<string, string> names) =>
        new(patientRef, unitId, patientRef != null && names.TryGetValue(patientRef, out string? name) ? name : null);
}
