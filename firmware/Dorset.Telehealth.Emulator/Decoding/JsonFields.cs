using System.Text.Json;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>How the `decode` contract writes the shared field types.</summary>
public static class JsonFields
{
    /// <summary>
    /// An IEEE 11073 number: a JSON number written from the exact decimal (10.1, never 10.0999), or one of the
    /// strings "NaN", "NRes", "+INF", "-INF", "reserved".
    /// </summary>
    public static void WriteMedicalFloat(this Utf8JsonWriter json, string name, MedicalFloat value)
    {
        json.WritePropertyName(name);
        if (value.IsNumber)
        {
            json.WriteRawValue(value.ToString());
        }
        else
        {
            json.WriteStringValue(value.ToString());
        }
    }

    /// <summary>An optional IEEE 11073 number: null when absent.</summary>
    public static void WriteMedicalFloat(this Utf8JsonWriter json, string name, bool present, MedicalFloat value)
    {
        if (present)
        {
            json.WriteMedicalFloat(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>An ISO-8601 local date-time, or null when absent or when the device sent an unknown date.</summary>
    public static void WriteDeviceTime(this Utf8JsonWriter json, string name, DeviceTime? time)
    {
        string? text = time?.ToIsoString();
        if (text == null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, text);
        }
    }

    /// <summary>A local date-time computed on the host (e.g. base time plus offset), or null.</summary>
    public static void WriteLocalTime(this Utf8JsonWriter json, string name, System.DateTime? time)
    {
        if (time == null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, time.Value.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>An optional integer: null when absent.</summary>
    public static void WriteOptionalNumber(this Utf8JsonWriter json, string name, bool present, long value)
    {
        if (present)
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>
    /// A status word as the raw integer under <paramref name="name"/>, plus a sibling array
    /// "<paramref name="name"/>Flags" with the readable name of each set bit (bit i named by
    /// <paramref name="bitNames"/>[i]; bits without a name are written as "bitN"). Both are null when absent.
    /// </summary>
    public static void WriteStatus(this Utf8JsonWriter json, string name, bool present, long bits, string[] bitNames)
    {
        if (!present)
        {
            json.WriteNull(name);
            json.WriteNull(name + "Flags");
            return;
        }

        json.WriteNumber(name, bits);
        json.WriteStartArray(name + "Flags");
        for (int bit = 0; bit < 64; bit++)
        {
            if ((bits & (1L << bit)) != 0)
            {
                json.WriteStringValue(bit < bitNames.Length && bitNames[bit].Length > 0 ? bitNames[bit] : "bit" + bit);
            }
        }

        json.WriteEndArray();
    }
}
