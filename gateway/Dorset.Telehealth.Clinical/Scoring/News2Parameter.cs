using System;

namespace Dorset.Telehealth.Clinical.Scoring;

/// <summary>One parameter of a partial NEWS2: what it scored, from which value, and how old that value was.</summary>
/// <param name="Name">spo2, pulse, systolic or oxygen.</param>
/// <param name="Score">Its NEWS2 score, 0-3.</param>
/// <param name="Value">The value as text ("91"; "true" for oxygen).</param>
/// <param name="Unit">The unit (%, /min, mmHg), or null for oxygen.</param>
/// <param name="ReadingKey">The reading it came from, or null for the oxygen setting.</param>
/// <param name="Age">How long before the score's time the value was taken (zero for oxygen).</param>
public sealed record News2Parameter(string Name, int Score, string Value, string? Unit, string? ReadingKey, TimeSpan Age);
