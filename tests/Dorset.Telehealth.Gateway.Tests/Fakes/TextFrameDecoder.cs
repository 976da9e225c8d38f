using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Dorset.Telehealth.Gateway.Ingest;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>
/// A stand-in for the Protocol uplink decoder so the broker-to-SQLite pipeline can be tested on its own: a payload is
/// lines "outboxSeq slot deviceSeq|- kind name=value unit[,name=value unit]"; anything else fails with a reason.
/// </summary>
public sealed class TextFrameDecoder : IUplinkFrameDecoder
{
    public static byte[] Frame(params string[] lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines));

    public static byte[] Glucose(long outboxSeq, long deviceSeq, string mmolL = "5.6") => Frame($"{outboxSeq} 0 {deviceSeq} glucose glucose={mmolL} mmol/L");

    public bool TryDecode(byte[] payload, out IReadOnlyList<IncomingReading> readings, out string reason)
    {
        var list = new List<IncomingReading>();
        readings = list;
        reason = string.Empty;
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            reason = "not text";
            return false;
        }

        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.Split(' ', 5);
            if (parts.Length != 5 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long outbox)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int slot))
            {
                reason = "line '" + line + "' is not 'outboxSeq slot deviceSeq kind values'";
                list.Clear();
                return false;
            }

            long? deviceSeq = parts[2] == "-" ? null : long.Parse(parts[2], CultureInfo.InvariantCulture);
            var values = new List<ReadingValue>();
            foreach (string v in parts[4].Split(','))
            {
                string[] nv = v.Split(' ', 2);
                string[] nameValue = nv[0].Split('=', 2);
                values.Add(new ReadingValue(nameValue[0], nameValue[1], nv[1]));
            }

            list.Add(new IncomingReading(outbox, slot, deviceSeq, parts[3], values, Array.Empty<string>(), 0,
                "2026-11-24T08:00:00", "2026-11-24T08:00:05Z", true));
        }

        if (list.Count == 0)
        {
            reason = "no readings";
            return false;
        }

        return true;
    }
}
