using System;
using System.Collections.Generic;
using System.Globalization;
using Dorset.Telehealth.Cloud.Fhir;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>
/// Turns the honoured parameters of an Observation search (<see cref="FhirQuery"/>: which parameters, how often)
/// into the store's <see cref="ObservationQuery"/>: what each value means. `code` is system|code or code, comma for
/// OR; `date` is ge, gt, le or lt with a UK civil day or a dateTime with offset, repeatable for a range; `_sort` is
/// date or -date; `_count` and `_offset` as <see cref="FhirSearch.TryPaging"/> reads them.
/// </summary>
public static class ObservationSearchParser
{
    /// <summary>The query, or false with the 400 OperationOutcome to answer.</summary>
    public static bool TryParse(FhirQuery q, FhirOptions options, out ObservationQuery query, out ContentHttpResult? refusal)
    {
        query = null!;
        (HashSet<string>? main, HashSet<string>? pulse, bool scores) = Codes(q.Single("code"));
        if (!TryDates(q, out DateBounds bounds, out refusal) || !FhirSearch.TryPaging(q, options, out int count, out int offset, out refusal))
        {
            return false;
        }

        ObservationOrder order = q.Sort switch
        {
            "date" => ObservationOrder.DateAscending,
            "-date" => ObservationOrder.DateDescending,
            _ => ObservationOrder.Stored,
        };
        query = new ObservationQuery(q.PatientNhs, main, pulse, scores, bounds.From, bounds.FromInclusive, bounds.To, bounds.ToInclusive, count, offset, order);
        return true;
    }

    /// <summary>
    /// The reading kinds (main and pulse Observations) and whether partial NEWS2 scores match `code`; null kinds and
    /// scores when no code is given (everything matches). An unknown code matches nothing, as FHIR search does.
    /// </summary>
    private static (HashSet<string>? Main, HashSet<string>? Pulse, bool Scores) Codes(string? codes)
    {
        if (codes == null)
        {
            return (null, null, true);
        }

        var main = new HashSet<string>(StringComparer.Ordinal);
        var pulse = new HashSet<string>(StringComparer.Ordinal);
        bool scores = false;
        foreach (string token in codes.Split(','))
        {
            int sep = token.IndexOf('|', StringComparison.Ordinal);
            string? system = sep > 0 ? token[..sep] : null;
            string code = sep >= 0 ? token[(sep + 1)..] : token;
            (HashSet<string> m, HashSet<string> p) = FhirCodes.Select(system, code);
            main.UnionWith(m);
            pulse.UnionWith(p);
            scores |= AlertCodes.IsNews2Total(system, code);
        }

        return (main, pulse, scores);
    }

    private readonly record struct DateBounds(DateTimeOffset? From, bool FromInclusive, DateTimeOffset? To, bool ToInclusive);

    /// <summary>The effective-time range of every `date` value: a g prefix sets the lower bound, an l prefix the upper.</summary>
    private static bool TryDates(FhirQuery q, out DateBounds bounds, out ContentHttpResult? refusal)
    {
        bounds = new DateBounds(null, true, null, true);
        refusal = null;
        foreach (string date in q.All("date"))
        {
            if (date.Length < 3)
            {
                refusal = FhirSearch.Outcome(400, OperationOutcome.IssueType.Value, "date needs a prefix ge, gt, le or lt and a dateTime");
                return false;
            }

            string prefix = date[..2];
            if (!TryParseDate(date[2..], out DateTimeOffset at) || prefix is not ("ge" or "gt" or "le" or "lt"))
            {
                refusal = FhirSearch.Outcome(400, OperationOutcome.IssueType.Value, $"unsupported date '{date}': use ge, gt, le or lt with yyyy-MM-dd or a dateTime with offset");
                return false;
            }

            bounds = prefix[0] == 'g'
                ? bounds with { From = at, FromInclusive = prefix == "ge" }
                : bounds with { To = at, ToInclusive = prefix == "le" };
        }

        return true;
    }

    private static bool TryParseDate(string text, out DateTimeOffset at)
    {
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime day))
        {
            // A date alone is the start of that UK civil day.
            at = Ingestion.UkCivilTime.ToOffset(day.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            return true;
        }

        bool hasOffset = text.EndsWith('Z') || (text.Length > 6 && (text[^6] == '+' || text[^6] == '-'));
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out at) && hasOffset;
    }
}
