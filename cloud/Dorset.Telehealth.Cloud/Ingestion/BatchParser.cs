using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dorset.Telehealth.Cloud.Ingestion;

/// <summary>Why a whole batch is refused with 400: the first failing item and the JSON path of the failing field.</summary>
/// <param name="Index">0-based item index, or null when the failure is outside `readings`.</param>
/// <param name="Key">The item's key when it could be read.</param>
/// <param name="Field">JSON path, e.g. readings[3].values[0].value.</param>
/// <param name="Detail">A readable reason.</param>
public sealed record BatchError(int? Index, string? Key, string Field, string Detail);

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
        BatchReading.OtherUserFlag,
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
        batch = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            error = new BatchError(null, null, "$", "malformed JSON: " + e.Message);
            return false;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = new BatchError(null, null, "$", "the body must be a JSON object");
                return false;
            }

            string? gatewayId = null;
            if (root.TryGetProperty("gatewayId", out JsonElement gw) && gw.ValueKind != JsonValueKind.Null)
            {
                if (gw.ValueKind != JsonValueKind.String)
                {
                    error = new BatchError(null, null, "gatewayId", "gatewayId must be a string or null");
                    return false;
                }

                gatewayId = gw.GetString();
            }

            if (!root.TryGetProperty("readings", out JsonElement items) || items.ValueKind != JsonValueKind.Array)
            {
                error = new BatchError(null, null, "readings", "readings must be an array");
                return false;
            }

            int count = items.GetArrayLength();
            if (count == 0 || count > maxReadings)
            {
                error = new BatchError(null, null, "readings", $"readings must hold 1..{maxReadings} items, got {count}");
                return false;
            }

            var readings = new List<BatchReading>(count);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            int index = 0;
            foreach (JsonElement item in items.EnumerateArray())
            {
                var reader = new ItemReader(index, item);
                BatchReading? reading = reader.Read();
                if (reading == null)
                {
                    error = reader.Error;
                    return false;
                }

                if (!keys.Add(reading.Key))
                {
                    error = new BatchError(index, reading.Key, $"readings[{index}].key", "key repeated within the batch");
                    return false;
                }

                readings.Add(reading);
                index++;
            }

            batch = new ParsedBatch(gatewayId, readings);
            error = null;
            return true;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex UnitIdPattern();

    [GeneratedRegex("^[0-9A-F]{2}(:[0-9A-F]{2}){5}$")]
    private static partial Regex AddressPattern();

    [GeneratedRegex("^-?[0-9]{1,9}(\\.[0-9]{1,9})?$")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$")]
    private static partial Regex LocalTimePattern();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,7})?Z$")]
    private static partial Regex UtcTimePattern();

    /// <summary>Reads one item; on the first problem stops and keeps it in <see cref="Error"/>.</summary>
    private sealed class ItemReader
    {
        private readonly int _index;
        private readonly JsonElement _item;
        private string? _key;

        public ItemReader(int index, JsonElement item)
        {
            _index = index;
            _item = item;
        }

        public BatchError? Error { get; private set; }

        public BatchReading? Read()
        {
            if (_item.ValueKind != JsonValueKind.Object)
            {
                return Fail("", "each reading must be a JSON object");
            }

            if (!String(_item, "key", required: true, out _key))
            {
                return null;
            }

            if (!String(_item, "unitId", required: true, out string? unitId))
            {
                return null;
            }

            if (!UnitIdPattern().IsMatch(unitId!))
            {
                return Fail("unitId", "unitId must be 1..64 characters of A-Z a-z 0-9 . _ -");
            }

            if (!Integer(_item, "outboxSequence", 0, long.MaxValue, required: true, out long? outboxSequence))
            {
                return null;
            }

            if (!_item.TryGetProperty("device", out JsonElement device) || device.ValueKind != JsonValueKind.Object)
            {
                return Fail("device", "device must be an object {address, slot, kind}");
            }

            if (!String(device, "address", required: true, out string? address, "device."))
            {
                return null;
            }

            if (!AddressPattern().IsMatch(address!))
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

            if (!Integer(_item, "deviceSequence", 0, uint.MaxValue, required: false, out long? deviceSequence))
            {
                return null;
            }

            if (!String(_item, "kind", required: true, out string? kind))
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
            if (_item.TryGetProperty("glucose", out JsonElement glucose) && glucose.ValueKind != JsonValueKind.Null)
            {
                if (kind != "glucose" || glucose.ValueKind != JsonValueKind.Object)
                {
                    return Fail("glucose", "glucose must be an object, and only on glucose readings");
                }

                if (!Choice(glucose, "sampleType", SampleTypes, out sampleType, "glucose.")
                    || !Choice(glucose, "sampleLocation", SampleLocations, out sampleLocation, "glucose."))
                {
                    return null;
                }
            }

            if (!String(_item, "deviceTime", required: false, out string? deviceTime, nullable: true))
            {
                return null;
            }

            if (deviceTime != null && (!LocalTimePattern().IsMatch(deviceTime)
                || !DateTime.TryParseExact(deviceTime, "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
            {
                return Fail("deviceTime", "deviceTime must be a valid local time yyyy-MM-ddTHH:mm:ss (no offset) or null");
            }

            if (!UtcTime(_item, "receivedAt", required: false, out DateTimeOffset? receivedAt)
                || !UtcTime(_item, "gatewayReceivedAt", required: true, out DateTimeOffset? gatewayReceivedAt))
            {
                return null;
            }

            if (!_item.TryGetProperty("clockSynchronised", out JsonElement sync)
                || (sync.ValueKind != JsonValueKind.True && sync.ValueKind != JsonValueKind.False))
            {
                return Fail("clockSynchronised", "clockSynchronised must be true or false");
            }

            if (!String(_item, "gatewayNote", required: false, out string? note, nullable: true))
            {
                return null;
            }

            if (note != null && note.Length > 500)
            {
                return Fail("gatewayNote", "gatewayNote is limited to 500 characters");
            }

            string expectedKey = BatchReading.KeyOf(unitId!, outboxSequence!.Value, address!, deviceSequence, deviceTime);
            if (!string.Equals(_key, expectedKey, StringComparison.Ordinal))
            {
                return Fail("key", $"key '{_key}' is not the canonical key of this reading: expected '{expectedKey}'");
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
            if (!_item.TryGetProperty("flags", out JsonElement array) || array.ValueKind != JsonValueKind.Array)
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
            if (!_item.TryGetProperty("values", out JsonElement array) || array.ValueKind != JsonValueKind.Array)
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

                if (!v.TryGetProperty("value", out JsonElement raw)
                    || (raw.ValueKind != JsonValueKind.String && raw.ValueKind != JsonValueKind.Number))
                {
                    Fail(prefix + "value", "value must be an exact decimal string or number");
                    return false;
                }

                string text = raw.ValueKind == JsonValueKind.String ? raw.GetString()! : raw.GetRawText();
                if (!DecimalPattern().IsMatch(text))
                {
                    Fail(prefix + "value", $"value {raw.GetRawText()} is not an exact decimal (up to 9 digits each side of the point, no exponent)");
                    return false;
                }

                decimal number = decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                bool belowMin = bounds.MinInclusive ? number < bounds.Min : number <= bounds.Min;
                if (belowMin || number > bounds.Max)
                {
                    string range = (bounds.MinInclusive ? "[" : "(") + bounds.Min.ToString(CultureInfo.InvariantCulture) + ", "
                        + bounds.Max.ToString(CultureInfo.InvariantCulture) + "]";
                    Fail(prefix + "value", $"impossible {name} {text} {unit}: outside {range}");
                    return false;
                }

                list.Add(new ReadingQuantity(name!, text, unit!));
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

        private bool Choice(JsonElement parent, string name, IReadOnlyList<string> allowed, out string? value, string prefix)
        {
            if (!String(parent, name, false, out value, prefix, nullable: true))
            {
                return false;
            }

            if (value != null && !((IList<string>)allowed).Contains(value))
            {
                Fail(prefix + name, $"unknown {name} '{value}': expected one of {string.Join(", ", allowed)}");
                return false;
            }

            return true;
        }

        private bool String(JsonElement parent, string name, bool required, out string? value, string prefix = "", bool nullable = false)
        {
            value = null;
            if (!parent.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Fail(prefix + name, $"{prefix}{name} is required");
                    return false;
                }

                return true;
            }

            if (e.ValueKind != JsonValueKind.String)
            {
                Fail(prefix + name, $"{prefix}{name} must be a string" + (nullable ? " or null" : string.Empty));
                return false;
            }

            value = e.GetString();
            return true;
        }

        private bool Integer(JsonElement parent, string name, long min, long max, bool required, out long? value, string prefix = "")
        {
            value = null;
            if (!parent.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Fail(prefix + name, $"{prefix}{name} is required");
                    return false;
                }

                return true;
            }

            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out long n) || n < min || n > max)
            {
                Fail(prefix + name, $"{prefix}{name} must be an integer in {min}..{max}, got {e.GetRawText()}");
                return false;
            }

            value = n;
            return true;
        }

        private bool UtcTime(JsonElement parent, string name, bool required, out DateTimeOffset? value)
        {
            if (!String(parent, name, required, out string? text, nullable: !required))
            {
                value = null;
                return false;
            }

            value = null;
            if (text == null)
            {
                return true;
            }

            if (!UtcTimePattern().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
            {
                Fail(name, $"{name} must be a UTC time yyyy-MM-ddTHH:mm:ss[.fffffff]Z, got '{text}'");
                return false;
            }

            value = parsed;
            return true;
        }

        private BatchReading? Fail(string field, string detail)
        {
            string path = field.Length == 0 ? $"readings[{_index}]" : $"readings[{_index}].{field}";
            Error ??= new BatchError(_index, _key, path, detail);
            return null;
        }
    }
}
