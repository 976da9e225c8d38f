using System;
using System.Collections.Generic;
using Dorset.Telehealth.Protocol.Battery;
using Dorset.Telehealth.Protocol.BloodPressure;
using Dorset.Telehealth.Protocol.DeviceInformation;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.PulseOximetry;
using Dorset.Telehealth.Protocol.RecordAccess;
using Dorset.Telehealth.Protocol.Time;
using Dorset.Telehealth.Protocol.Weight;

namespace Dorset.Telehealth.Fuzz.Targets;

/// <summary>
/// Every GATT characteristic decoder of the Protocol library, i.e. everything the unit reads from a Bluetooth device.
/// A decoded value is described by re-encoding it where the library has an encoder, so the offset check compares
/// contents, not just accept/refuse.
/// </summary>
public static class GattTargets
{
    /// <summary>One target per decoder.</summary>
    public static IEnumerable<FuzzTarget> All()
    {
        yield return new GattDecoderTarget<GlucoseMeasurement>("glucose-measurement", GlucoseMeasurementDecoder.TryDecode, m => Hex(() => GlucoseMeasurementEncoder.Encode(m)));
        yield return new GattDecoderTarget<GlucoseContext>("glucose-context", GlucoseContextDecoder.TryDecode, c => Hex(() => GlucoseContextEncoder.Encode(c)));
        yield return new GattDecoderTarget<int>("glucose-feature", GlucoseFeature.TryDecode);
        yield return new GattDecoderTarget<RacpValue>("racp", RacpDecoder.TryDecode, v => Hex(() => RacpEncoder.Encode(v)));
        yield return new GattDecoderTarget<PlxSpotCheck>("plx-spot-check", PlxSpotCheckCodec.TryDecode, m => Hex(() => PlxSpotCheckCodec.Encode(m)));
        yield return new GattDecoderTarget<PlxContinuous>("plx-continuous", PlxContinuousCodec.TryDecode, m => Hex(() => PlxContinuousCodec.Encode(m)));
        yield return new GattDecoderTarget<PlxFeatures>("plx-features", PlxFeatures.TryDecode, f => $"{f.Features}/{f.MeasurementStatusSupport}/{f.DeviceSensorStatusSupport}");
        yield return new GattDecoderTarget<WeightMeasurement>("weight-measurement", WeightMeasurementCodec.TryDecode, m => Hex(() => WeightMeasurementCodec.Encode(m)));
        yield return new GattDecoderTarget<uint>("weight-scale-feature", WeightScaleFeature.TryDecode);
        yield return new GattDecoderTarget<BloodPressureMeasurement>("blood-pressure-measurement", BloodPressureMeasurementCodec.TryDecode, m => Hex(() => BloodPressureMeasurementCodec.Encode(m)));
        yield return new GattDecoderTarget<int>("battery-level", BatteryLevelDecoder.TryDecode);
        yield return new GattDecoderTarget<DeviceTime>("date-time", DateTimeDecoder.TryDecode, t => Hex(() => DateTimeEncoder.Encode(t)));
        yield return new GattDecoderTarget<CurrentTime>("current-time", CurrentTimeDecoder.TryDecode, t => Hex(() => CurrentTimeEncoder.Encode(t)));
        yield return new GattDecoderTarget<SystemId>("system-id", SystemId.TryDecode, s => Hex(s.Encode));
        yield return new GattDecoderTarget<string>("device-information-string", DeviceInformationString.TryDecode, s => s);
    }

    // An encoder may refuse a value the decoder accepts (an encoder is stricter about what the unit itself sends); the
    // description then says so, and the offset check still compares the rest.
    private static string Hex(Func<byte[]> encode)
    {
        try
        {
            return Convert.ToHexString(encode());
        }
        catch (ArgumentException ex)
        {
            return "not encodable: " + ex.Message;
        }
    }
}
