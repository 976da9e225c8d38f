namespace Dorset.Telehealth.Emulator.Host;

/// <summary>What an emulated unit's clock does (`fleet --unit-clock`), for runs that prove the hub's handling of untrusted time.</summary>
public enum UnitClockMode
{
    /// <summary>The host's clock, synchronised (as SNTP keeps a unit's).</summary>
    Synchronised,

    /// <summary>Never set: counts from power-on at 2000-01-01 and says it is not synchronised (PROTOCOL.md vector 2).</summary>
    Unset,

    /// <summary>
    /// Says it is synchronised but runs <see cref="SystemUnitClock.WrongBy"/> ahead (a bad time source): the gateway
    /// flags a receipt time more than a day ahead as implausible.
    /// </summary>
    Wrong,
}
