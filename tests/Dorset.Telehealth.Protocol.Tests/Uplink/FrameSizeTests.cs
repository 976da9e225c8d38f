using System;
using System.Formats.Cbor;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.Protocol.Tests.Uplink;

/// <summary>
/// The frame's size budget (issue: at most 12 bytes per reading averaged over 10 mixed readings), printed beside the
/// same readings as JSON and as SenML in CBOR (RFC 8428 labels) so the figure has its baselines next to it.
/// </summary>
public class FrameSizeTests(ITestOutputHelper output)
{
    private const double BudgetBytesPerReading = 12;

    [Fact]
    public void TenMixedReadings_FitTheBudget_AndTheFiguresArePrinted()
    {
        UplinkFrame frame = SampleReadings.TenMixed();
        int count = frame.Readings.Length;
        double frameBytes = UplinkFrameEncoder.Encode(frame).Length / (double)count;
        double jsonBytes = Json(frame).Length / (double)count;
        double senmlBytes = SenMlCbor(frame).Length / (double)count;

        output.WriteLine($"bytes per reading over {count} mixed readings: frame {frameBytes:F1}, JSON {jsonBytes:F1}, SenML-CBOR {senmlBytes:F1}");
        Assert.True(frameBytes <= BudgetBytesPerReading, $"frame uses {frameBytes:F1} bytes per reading, budget {BudgetBytesPerReading}");
        Assert.True(frameBytes < senmlBytes && senmlBytes < jsonBytes, "the baselines should order frame < SenML-CBOR < JSON");
    }

    /// <summary>The readings as the JSON a naive unit would publish (camelCase, ISO times, exact decimal text).</summary>
    private static byte[] Json(UplinkFrame frame) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        firstSequence = frame.FirstSequence,
        readings = frame.Readings.Select(r => new
        {
            kind = ReadingValueNames.KindName(r.Kind),
            slot = r.Slot,
            deviceAddress = r.DeviceAddress,
            deviceSequence = r.DeviceSequence == UplinkReading.NoSequence ? (int?)null : r.DeviceSequence,
            deviceTime = r.DeviceTime?.ToIsoString(),
            receivedAt = r.ReceivedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            clockSynchronised = r.ClockSynchronised,
            values = r.Values.Select((v, i) => new { name = ReadingValueNames.ValueName(r.Kind, i), value = decimal.Parse(v.ToString(), CultureInfo.InvariantCulture), unit = ReadingValueNames.Unit(r.Kind, i, r.AlternateUnit) }),
            glucoseType = r.Kind == ReadingKind.Glucose ? r.GlucoseType : (int?)null,
            glucoseLocation = r.Kind == ReadingKind.Glucose ? r.GlucoseLocation : (int?)null,
        }),
    });

    /// <summary>
    /// SenML pack in CBOR (RFC 8428 section 6: bn -2, bt -3, n 0, u 1, v 2, t 6): one record per value, base name the
    /// unit, time relative to the base time; the device sequence and sample type travel as extra records.
    /// </summary>
    private static byte[] SenMlCbor(UplinkFrame frame)
    {
        var writer = new CborWriter();
        DateTime baseTime = frame.Readings[0].ReceivedAt;
        var records = frame.Readings.SelectMany((r, i) => Records(r, i, baseTime)).ToList();
        writer.WriteStartArray(records.Count);
        for (int i = 0; i < records.Count; i++)
        {
            var (name, unit, value, time) = records[i];
            writer.WriteStartMap(null);
            if (i == 0)
            {
                writer.WriteInt32(-2);
                writer.WriteTextString("urn:dev:unit-0042:");
                writer.WriteInt32(-3);
                writer.WriteInt64((long)(baseTime - DateTime.UnixEpoch).TotalSeconds);
            }

            writer.WriteInt32(0);
            writer.WriteTextString(name);
            if (unit != null)
            {
                writer.WriteInt32(1);
                writer.WriteTextString(unit);
            }

            writer.WriteInt32(2);
            writer.WriteDouble(value);
            writer.WriteInt32(6);
            writer.WriteInt32(time);
            writer.WriteEndMap();
        }

        writer.WriteEndArray();
        return writer.Encode();
    }

    private static (string Name, string? Unit, double Value, int Time)[] Records(UplinkReading r, int index, DateTime baseTime)
    {
        int t = (int)(r.ReceivedAt - baseTime).TotalSeconds;
        var values = r.Values.Select((v, i) => ($"{index}/{ReadingValueNames.ValueName(r.Kind, i)}", (string?)ReadingValueNames.Unit(r.Kind, i, r.AlternateUnit), v.ToDouble(), t));
        var extra = r.DeviceSequence == UplinkReading.NoSequence ? [] : new[] { ($"{index}/seq", (string?)null, (double)r.DeviceSequence, t) };
        var sample = r.Kind == ReadingKind.Glucose ? new[] { ($"{index}/sample", (string?)null, (double)(r.GlucoseType | (r.GlucoseLocation << 4)), t) } : [];
        return values.Concat(extra).Concat(sample).ToArray();
    }
}
