namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>
/// What a unit last reported about the device in one of its slots: the status document's "devices" entry (read on
/// first contact and daily) and "sessions" entry (how the last attempt to read it ended) for that slot.
/// </summary>
/// <param name="Slot">The slot.</param>
/// <param name="LastSession">One of Protocol's <c>SessionOutcomeNames</c> (completed ... unit-fault); null before the first attempt.</param>
/// <param name="BatteryPercent">The device's own battery, or null when it has not said.</param>
/// <param name="Manufacturer">Device Information manufacturer name, or null.</param>
/// <param name="Model">Device Information model number, or null.</param>
/// <param name="ClockSet">Whether the unit set the device's clock at its last check, or null before first contact.</param>
public sealed record DeviceReport(int Slot, string? LastSession, int? BatteryPercent, string? Manufacturer, string? Model, bool? ClockSet);
