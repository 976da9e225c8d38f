using System;
using Dorset.Telehealth.Emulator.Host;

namespace Dorset.Telehealth.Emulator.Units;

/// <summary>
/// What one emulated home unit is: who it is, where its hub is, its flash, and what its devices hold (the script of
/// <paramref name="Seed"/> for the week ending at <paramref name="WeekEnd"/>, device civil time, taken evenly over
/// <paramref name="ReleaseOver"/> from the unit's first start, or all at once when zero), and how its clock behaves.
/// </summary>
public sealed record EmulatedUnitOptions(
    string Host,
    int Port,
    string UnitId,
    string Password,
    string StateDirectory,
    string? CaFile,
    int Glucose,
    int SpO2,
    int Weight,
    int BloodPressure,
    int Seed,
    DateTime WeekEnd,
    TimeSpan ReleaseOver = default,
    UnitClockMode UnitClock = UnitClockMode.Synchronised);
