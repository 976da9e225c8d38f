using System;
using System.Collections.Generic;

namespace Dorset.Telehealth.Clinical.Rules;

/// <summary>Which of the unit's earlier readings the rules need to judge a reading: these kinds, taken in this range.</summary>
/// <param name="Kinds">Reading kinds.</param>
/// <param name="FromUtc">Taken at or after.</param>
/// <param name="ToUtc">Taken at or before.</param>
public sealed record HistoryRequest(IReadOnlyList<string> Kinds, DateTimeOffset FromUtc, DateTimeOffset ToUtc);
