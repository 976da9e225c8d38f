using System.Text.Json;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.PulseOximetry;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>plx-continuous: spo2, pulseRate, fast {spo2, pulseRate}, slow {spo2, pulseRate}, and the status fields.</summary>
public sealed class PlxContinuousFormatter : ICharacteristicFormatter
{
    /// <inheritdoc/>
    public string Name => "plx-continuous";

    /// <inheritdoc/>
    public ushort? Uuid => GattUuids.PlxContinuousMeasurement;

    /// <inheritdoc/>
    public bool TryFormat(byte[] value, Utf8JsonWriter json, out DecodeFailure? failure)
    {
        if (!PlxContinuousCodec.TryDecode(value, 0, value.Length, out PlxContinuous m, out failure))
        {
            return false;
        }

        json.WriteMedicalFloat("spo2", m.SpO2);
        json.WriteMedicalFloat("pulseRate", m.PulseRate);
        WritePair(json, "fast", m.HasFast, m.FastSpO2, m.FastPulseRate);
        WritePair(json, "slow", m.HasSlow, m.SlowSpO2, m.SlowPulseRate);
        PlxJson.WriteStatusTail(json, m);
        return true;
    }

    private static void WritePair(Utf8JsonWriter json, string name, bool present, MedicalFloat spo2, MedicalFloat pulseRate)
    {
        if (!present)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteMedicalFloat("spo2", spo2);
        json.WriteMedicalFloat("pulseRate", pulseRate);
        json.WriteEndObject();
    }
}
