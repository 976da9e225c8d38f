namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>What the front panel shows, rebuilt from stored alerts (so a restart restores it).</summary>
/// <param name="AlertLedOn">Any red or red-urgent alert not yet acknowledged (open or already resolved).</param>
/// <param name="BuzzerSounding">Any of those that is current (not late) and not silenced.</param>
public readonly record struct PanelState(bool AlertLedOn, bool BuzzerSounding);
