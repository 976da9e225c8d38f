using System;

namespace Dorset.Telehealth.Clinical.Alerts;

/// <summary>A value of a reading that made a rule fire: which reading (its key), what it was, and when it was taken.</summary>
/// <param name="ReadingKey">The reading's key (cloud/README.md "The reading key").</param>
/// <param name="Name">The value's name, e.g. spo2.</param>
/// <param name="Value">The exact value as text, e.g. "91".</param>
/// <param name="Unit">Its unit, e.g. %.</param>
/// <param name="TakenUtc">When the reading was taken.</param>
public sealed record Evidence(string ReadingKey, string Name, string Value, string Unit, DateTimeOffset TakenUtc);
