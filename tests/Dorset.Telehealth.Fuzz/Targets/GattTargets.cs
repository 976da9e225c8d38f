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
/// </summary>
public static class GattTargets
{
    /// <summary>One target per decoder.</summary>
    public static IEnumerable<FuzzTarget> All()
    {
        yield return new GattDecoderTarget<GlucoseMeasurement>("glucose-measurement", GlucoseMeasurementDecoder.TryDecode);
        yield return new GattDecoderTarget<GlucoseContext>("glucose-context", GlucoseContextDecoder.TryDecode);
        yield return new GattDecoderTarget<int>("glucose-feature", GlucoseFeature.TryDecode);
        yield return new GattDecoderTarget<RacpValue>("racp", RacpDecoder.TryDecode);
        yield return new GattDecoderTarget<PlxSpotCheck>("plx-spot-check", PlxSpotCheckCodec.TryDecode);
        yield return new GattDecoderTarget<PlxContinuous>("plx-continuous", PlxContinuousCodec.TryDecode);
        yield return new GattDecoderTarget<PlxFeatures>("plx-features", PlxFeatures.TryDecode);
        yield return new GattDecoderTarget<WeightMeasurement>("weight-measurement", WeightMeasurementCodec.TryDecode);
        yield return new GattDecoderTarget<uint>("weight-scale-feature", WeightScaleFeature.TryDecode);
        yield return new GattDecoderTarget<BloodPressureMeasurement>("blood-pressure-measurement", BloodPressureMeasurementCodec.TryDecode);
        yield return new GattDecoderTarget<int>("battery-level", BatteryLevelDecoder.TryDecode);
        yield return new GattDecoderTarget<DeviceTime>("date-time", DateTimeDecoder.TryDecode);
        yield return new GattDecoderTarget<CurrentTime>("current-time", CurrentTimeDecoder.TryDecode);
        yield return new GattDecoderTarget<SystemId>("system-id", SystemId.TryDecode);
        yield return new GattDecoderTarget<string>("device-information-string", DeviceInformationString.TryDecode);
    }
}
