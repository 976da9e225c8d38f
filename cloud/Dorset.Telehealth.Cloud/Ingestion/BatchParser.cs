using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Dorset.Telehealth.Cloud.Ingestion;

/// <summary>Why a whole batch is refused with 400 (413 when <paramref name="TooMany"/>): the first failing item and the JSON path of the failing field.</summary>
/// <param name="Index">0-based item index, or null when the failure is outside `readings`.</param>
/// <param name="Key">The item's key when it could be read.</param>
/// <param name="Field">JSON path, e.g. readings[3].values[0].value.</param>
/// <param name="Detail">A readable reason.</param>
/// <param name="TooMany">More items than the limit: nothing is wrong with any of them, the batch is only too large.</param>
public sealed record BatchError(int? Index, string? Key, string Field, string Detail, bool TooMany = false);

/// <summary>A parsed batch: the optional claimed gateway id and the validated readings in request order.</summary>
public sealed record ParsedBatch(string? GatewayId, IReadOnlyList<BatchReading> Readings);

/// <summary>
/// Validates a batch body against the contract in cloud/README.md. Everything is checked before anything is stored,
/// so a batch is either wholly valid or refused naming its first bad item (issue 5 §2).
/// </summary>
public static partial class BatchParser
{
    /// <summary>Reading kinds and the device kind that produces each.</summary>
    public static readonly IReadOnlyDictionary<string, string> DeviceKindOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["glucose"] = "glucose-meter",
        ["pulse-oximetry"] = "pulse-oximeter",
        ["weight"] = "weight-scale",
        ["blood-pressure"] = "blood-pressure-monitor",
    };

    /// <summary>Status flags in canonical order (cloud/README.md "flags").</summary>
    public static readonly IReadOnlyList<string> KnownFlags = new[]
    {
        "control-solution", "invalid", "questionable", "demo", "testing", "high", "low", "error-record", "implausible",
        BatchReading.OtherUserFlag, BatchReading.ClockFaultFlag,
    };

    /// <summary>GLS Type field values 1..10 (Bluetooth GLS 1.0.1, Glucose Measurement "Type-Sample Location").</summary>
    public static readonly IReadOnlyList<string> SampleTypes = new[]
    {
        "capillary-whole-blood", "capillary-plasma", "venous-whole-blood", "venous-plasma", "arterial-whole-blood",
        "arterial-plasma", "undetermined-whole-blood", "undetermined-plasma", "interstitial-fluid", "control-solution",
    };

    /// <summary>GLS Sample Location values 1, 2, 3, 4, 15.</summary>
    public static readonly IReadOnlyList<string> SampleLocations = new[]
    {
        "finger", "alternate-site", "earlobe", "control-solution", "not-available",
    };

    // name/unit -> (min, inclusive min, max): "impossible" bounds from cloud/README.md "Values per kind".
    private static readonly Dictionary<(string Kind, string Name, string Unit), (decimal Min, bool MinInclusive, decimal Max)> s_allowed = new()
    {
        [("glucose", "glucose", "mmol/L")] = (0m, true, 200m),
        [("glucose", "glucose", "mg/dL")] = (0m, true, 3600m),
        [("pulse-oximetry", "spo2", "%")] = (0m, true, 100m),
        [("pulse-oximetry", "pulse", "/min")] = (0m, true, 350m),
        [("weight", "weight", "kg")] = (0m, false, 650m),
        [("blood-pressure", "systolic", "mmHg")] = (0m, true, 400m),
        [("blood-pressure", "diastolic", "mmHg")] = (0m, true, 400m),
        [("blood-pressure", "map", "mmHg")] = (0m, true, 400m),
        [("blood-pressure", "pulse", "/min")] = (0m, true, 350m),
    };

    /// <summary>Parses and validates <paramref name="body"/>.</summary>
    /// <returns>True with the batch, or false with the reason naming the failing item.</returns>
    public static bool TryParse(ReadOnlyMemory<byte> body, int maxReadings, out ParsedBatch? batch, out BatchError? error)
    {
        bool ok = BatchEnvelope.TryParse(body, "readings", maxReadings, ReadItem, r => (r.Key, "key"), out string? gatewayId,
            out IReadOnlyList<BatchReading>? readings, out error);
        batch = ok ? new ParsedBatch(gatewayId, readings!) : null;
        return ok;
    }

    private static BatchReading? ReadItem(int index, JsonElement item, out BatchError? error)
    {
        var reader = new ItemReader(index, item);
        BatchReading? reading = reader.Read();
        error = reader.Error;
        return reading;
    }

    /// <summary>Reads one item; on the first problem stops and keeps it in <see cref="ItemFieldReader.Error"/>.</summary>
    private sealed class ItemReader : ItemFieldReader
    {
        public ItemReader(int index, JsonElement item)
            : base("readings", index, item)
        {
        }

        public BatchReading? Read()
        {
            if (Item.ValueKind != JsonValueKind.Object)
            {
                return Fail("", "each reading must be a JSON object");
            }

            if (!String(Item, "key", required: true, out string? key))
            {
                return null;
            }

            Key = key;

            if (!String(Item, "unitId", required: true, out string? unitId))
            {
                return null;
            }

            if (!ContractPatterns.UnitId().IsMatch(unitId!))
            {
                return Fail("unitId", "unitId must be 1..64 characters of A-Z a-z 0-9 _ -");
            }

            if (!Integer(Item, "outboxSequence", 0, long.MaxValue, required: true, out long? outboxSequence))
            {
                return null;
            }

            if (!Item.TryGetProperty("device", out JsonElement device) || device.ValueKind != JsonValueKind.Object)
            {
                return Fail("device", "device must be an object {address, slot, kind}");
            }

            if (!String(device, "address", required: true, out string? address, "device."))
            {
                return null;
            }

            if (!ContractPatterns.Address().IsMatch(address!))
            {
                return Fail("device.address", "device.address must be six upper-case hex octets separated by colons, e.g. C0:26:DA:01:02:03");
            }

            if (!Integer(device, "slot", 0, 255, required: true, out long? slot, "device."))
            {
                return null;
            }

            if (!String(device, "kind", required: true, out string? deviceKind, "device."))
            {
                return null;
            }

            if (!Integer(Item, "deviceSequence", 0, uint.MaxValue, required: false, out long? deviceSequence))
            {
                return null;
            }

            if (!String(Item, "kind", required: true, out string? kind))
            {
                return null;
            }

            if (!DeviceKindOf.TryGetValue(kind!, out string? expectedDeviceKind))
            {
                return Fail("kind", $"unknown kind '{kind}': expected glucose, pulse-oximetry, weight or blood-pressure");
            }

            if (!string.Equals(deviceKind, expectedDeviceKind, StringComparison.Ordinal))
            {
                return Fail("device.kind", $"device.kind '{deviceKind}' cannot produce a {kind} reading (expected {expectedDeviceKind})");
            }

            if (!ReadFlags(out List<string>? flags))
            {
                return null;
            }

            if (!ReadValues(kind!, flags!, out List<ReadingQuantity>? values))
            {
                return null;
            }

            string? sampleType = null;
            string? sampleLocation = null;
            ReadingGlucoseContext? context = null;
            if (Item.TryGetProperty("glucose", out JsonElement glucose) && glucose.ValueKind != JsonValueKind.Null)
            {
                if (kind != "glucose" || glucose.ValueKind != JsonValueKind.Object)
                {
                    return Fail("glucose", "glucose must be an object, and only on glucose readings");
                }

                if (!Choice(glucose, "sampleType", SampleTypes, false, out sampleType, "glucose.")
                    || !Choice(glucose, "sampleLocation", SampleLocations, false, out sampleLocation, "glucose.")
                    || !OptionalObject(glucose, "context", out JsonElement contextJson, out bool hasContext, "glucose."))
                {
                    return null;
                }

                var contextReader = new GlucoseContextReader(Index, Item, Key);
                if (hasContext && !contextReader.TryRead(contextJson, out context))
                {
                    Adopt(contextReader.Error!);
                    return null;
                }
            }

            if (!String(Item, "deviceTime", required: false, out string? deviceTime, nullable: true))
            {
                return null;
            }

            if (deviceTime != null && (!ContractPatterns.LocalTime().IsMatch(deviceTime)
                || !DateTime.TryParseExact(deviceTime, "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
            {
                return Fail("deviceTime", "deviceTime must be a valid local time yyyy-MM-ddTHH:mm:ss (no offset) or null");
            }

            if (!UtcTime(Item, "receivedAt", required: false, out DateTimeOffset? receivedAt)
                || !UtcTime(Item, "gatewayReceivedAt", required: true, out DateTimeOffset? gatewayReceivedAt))
            {
                return null;
            }

            if (!Item.TryGetProperty("clockSynchronised", out JsonElement sync)
                || (sync.ValueKind != JsonValueKind.True && sync.ValueKind != JsonValueKind.False))
            {
                return Fail("clockSynchronised", "clockSynchronised must be true or false");
            }

            if (!String(Item, "gatewayNote", required: false, out string? note, nullable: true))
            {
                return null;
            }

            if (note != null && note.Length > 500)
            {
                return Fail("gatewayNote", "gatewayNote is limited to 500 characters");
            }

            string expectedKey = BatchReading.KeyOf(unitId!, outboxSequence!.Value, address!, deviceSequence, deviceTime);
            if (!string.Equals(Key, expectedKey, StringComparison.Ordinal))
            {
                return Fail("key", $"key '{Key}' is not the canonical key of this reading: expected '{expectedKey}'");
            }

            return new BatchReading
            {
                Key = expectedKey,
                UnitId = unitId!,
                OutboxSequence = outboxSequence.Value,
                DeviceAddress = address!,
                DeviceSlot = (int)slot!.Value,
                DeviceKind = deviceKind!,
                DeviceSequence = deviceSequence,
                Kind = kind!,
                Values = values!,
                SampleType = sampleType,
                SampleLocation = sampleLocation,
                Context = context,
                Flags = flags!,
                DeviceTime = deviceTime,
                ReceivedAt = receivedAt,
                ClockSynchronised = sync.ValueKind == JsonValueKind.True,
                GatewayReceivedAt = gatewayReceivedAt!.Value,
                GatewayNote = note,
            };
        }

        private bool ReadFlags(out List<string>? flags)
        {
            flags = null;
            if (!Item.TryGetProperty("flags", out JsonElement array) || array.ValueKind != JsonValueKind.Array)
            {
                Fail("flags", "flags must be an array of strings (empty when none)");
                return false;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            int i = 0;
            foreach (JsonElement f in array.EnumerateArray())
            {
                string? flag = f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                if (flag == null || !((IList<string>)KnownFlags).Contains(flag))
                {
                    Fail($"flags[{i}]", $"unknown flag {f.GetRawText()}: expected one of {string.Join(", ", KnownFlags)}");
                    return false;
                }

                if (!seen.Add(flag))
                {
                    Fail($"flags[{i}]", $"flag '{flag}' repeated");
                    return false;
                }

                i++;
            }

            // Canonical order, so the content hash does not depend on how the gateway ordered them.
            flags = new List<string>();
            foreach (string known in KnownFlags)
            {
                if (seen.Contains(known))
                {
                    flags.Add(known);
                }
            }

            return true;
        }

        private bool ReadValues(string kind, List<string> flags, out List<ReadingQuantity>? values)
        {
            values = null;
            if (!Item.TryGetProperty("values", out JsonElement array) || array.ValueKind != JsonValueKind.Array)
            {
                Fail("values", "values must be an array of {name, value, unit}");
                return false;
            }

            var list = new List<ReadingQuantity>();
            var pairs = new HashSet<(string, string)>();
            int i = 0;
            foreach (JsonElement v in array.EnumerateArray())
            {
                string prefix = $"values[{i}].";
                if (v.ValueKind != JsonValueKind.Object)
                {
                    Fail($"values[{i}]", "each value must be an object {name, value, unit}");
                    return false;
                }

                if (!String(v, "name", true, out string? name, prefix) || !String(v, "unit", true, out string? unit, prefix))
                {
                    return false;
                }

                if (!s_allowed.TryGetValue((kind, name!, unit!), out var bounds))
                {
                    Fail(prefix + "name", $"'{name}' in '{unit}' is not a value of a {kind} reading (see cloud/README.md \"Values per kind\")");
                    return false;
                }

                if (!pairs.Add((name!, unit!)))
                {
                    Fail(prefix + "name", $"'{name}' in '{unit}' repeated");
                    return false;
                }

                if (!ExactDecimal(v, "value", out string? text, prefix))
                {
                    return false;
                }

                decimal number = decimal.Parse(text!, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                bool belowMin = bounds.MinInclusive ? number < bounds.Min : number <= bounds.Min;
                if (belowMin || number > bounds.Max)
                {
                    string range = (bounds.MinInclusive ? "[" : "(") + bounds.Min.ToString(CultureInfo.InvariantCulture) + ", "
                        + bounds.Max.ToString(CultureInfo.InvariantCulture) + "]";
                    Fail(prefix + "value", $"impossible {name} {text} {unit}: outside {range}");
                    return false;
                }

                list.Add(new ReadingQuantity(name!, text!, unit!));
                i++;
            }

            if (list.Count == 0 && flags.Contains("error-record"))
            {
                values = list;
                return true;
            }

            string? missing = kind switch
            {
                "glucose" when !pairs.Contains(("glucose", "mmol/L")) && !pairs.Contains(("glucose", "mg/dL")) => "glucose in mmol/L or mg/dL",
                "pulse-oximetry" when !pairs.Contains(("spo2", "%")) => "spo2 in %",
                "weight" when !pairs.Contains(("weight", "kg")) => "weight in kg",
                "blood-pressure" when !pairs.Contains(("systolic", "mmHg")) => "systolic in mmHg",
                "blood-pressure" when !pairs.Contains(("diastolic", "mmHg")) => "diastolic in mmHg",
                _ => null,
            };
            if (missing != null)
            {
                Fail("values", $"a {kind} reading needs {missing} (values may be empty only with the error-record flag)");
                return false;
            }

            values = list;
            return true;
        }

        private BatchReading? Fail(string field, string detail)
        {
            Record(field, detail);
            return null;
        }
    }
}
