namespace Dorset.Telehealth.Chaos.Oracle;

/// <summary>
/// A reading a virtual device produced, named as the cloud's reading key names it without the outbox sequence:
/// unit, device address, and "s" + device sequence or "t" + device time; a meter's record also its meal context, when
/// the meter sent one; the value and its UCUM unit where the Observation carries one value (glucose, weight).
/// </summary>
public sealed record ExpectedReading(string Unit, string Address, string Identity, string Kind, string Patient, string DeviceTime, decimal? Value,
    string? Meal = null, string? ValueUnit = null);
