using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>
/// A stored reading row as the rules see it (<see cref="ClinicalReading"/>), for the rules' history and for the console's
/// trends alike, so that a chart and an alert never disagree about a reading's value, flags or time.
/// </summary>
public static class StoredClinicalReading
{
    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns = "id, kind, values_json, flags_json, implausible, taken_utc, received_utc, clock_synced";

    /// <summary>The reading of the current row of a query selecting <see cref="Columns"/>.</summary>
    public static ClinicalReading Read(SqliteDataReader reader)
    {
        var values = Measured(JsonSerializer.Deserialize(reader.GetString(2), GatewayJson.Default.IReadOnlyListReadingValue)!);
        var flags = new List<string>(JsonSerializer.Deserialize(reader.GetString(3), GatewayJson.Default.IReadOnlyListString)!);
        if (!reader.IsDBNull(4))
        {
            flags.Add(Forwarding.CloudBatchContract.ImplausibleFlag);
        }

        var taken = Timestamp.Parse(reader.GetString(5));
        return new ClinicalReading(reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), reader.GetString(1), values, flags,
            taken, ReadingTimes.LocalDate(taken), Timestamp.Parse(reader.GetString(6)), reader.GetInt32(7) != 0);
    }

    /// <summary>The numeric values; special values (NaN, NRes) are not numbers and never a threshold's input.</summary>
    public static List<MeasuredValue> Measured(IEnumerable<ReadingValue> values)
    {
        var list = new List<MeasuredValue>();
        foreach (ReadingValue v in values)
        {
            if (decimal.TryParse(v.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number))
            {
                list.Add(new MeasuredValue(v.Name, number, v.Unit));
            }
        }

        return list;
    }
}
