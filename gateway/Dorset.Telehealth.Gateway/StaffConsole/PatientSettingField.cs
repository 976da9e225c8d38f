namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>One patient setting as the console shows and edits it.</summary>
/// <param name="Name">Its name in the store and the CLI, e.g. "glucoseLowBelow" or "deviceScheduleHours.weight-scale".</param>
/// <param name="Label">What staff read, e.g. "Glucose red below".</param>
/// <param name="Unit">Its unit, written after each value, e.g. "mmol/L"; empty for none.</param>
/// <param name="Hint">What it takes, when the unit does not say, or null.</param>
/// <param name="IsSwitch">True for a yes/no setting (a choice, not a text box).</param>
public sealed record PatientSettingField(string Name, string Label, string Unit, string? Hint = null, bool IsSwitch = false);

/// <summary>A setting of one patient: the value in force, the default, and the stored override ("" when none).</summary>
public sealed record PatientSettingRow(PatientSettingField Field, string InForce, string Default, string Override);
