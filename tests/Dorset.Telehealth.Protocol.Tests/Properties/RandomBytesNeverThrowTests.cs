using System;
using Dorset.Telehealth.Protocol.Battery;
using Dorset.Telehealth.Protocol.BloodPressure;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.DeviceInformation;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.PulseOximetry;
using Dorset.Telehealth.Protocol.RecordAccess;
using Dorset.Telehealth.Protocol.Time;
using Dorset.Telehealth.Protocol.Weight;
using FsCheck;
using FsCheck.Fluent;

namespace Dorset.Telehealth.Protocol.Tests.Properties;

/// <summary>Whatever bytes arrive over the air, every decoder either decodes them or fails with a named reason.</summary>
public class RandomBytesNeverThrowTests
{
    private delegate bool Decode(byte[] bytes, out object? value, out DecodeFailure? failure);

    public static TheoryData<string> Decoders() => new(
        "glucose-measurement", "glucose-context", "glucose-feature", "racp", "plx-spot-check", "plx-continuous",
        "plx-features", "weight-measurement", "weight-scale-feature", "blood-pressure", "battery-level", "date-time",
        "current-time", "system-id", "device-information-string");

    [Theory]
    [MemberData(nameof(Decoders))]
    public void RandomBytes_DecodeOrFailWithAReason_NeverThrow(string name)
    {
        Decode decode = For(name);
        Prop.ForAll(ProtocolGenerators.Bytes.ToArbitrary(), bytes =>
        {
            bool decoded = decode(bytes, out object? value, out DecodeFailure? failure);
            Assert.True(decoded ? value != null && failure == null : value == null && failure != null && failure.Message.Length > 0);
        }).QuickCheckThrowOnFailure();
    }

    private static Decode For(string name) => name switch
    {
        "glucose-measurement" => Wrap<GlucoseMeasurement>(GlucoseMeasurementDecoder.TryDecode),
        "glucose-context" => Wrap<GlucoseContext>(GlucoseContextDecoder.TryDecode),
        "glucose-feature" => WrapValue<int>(GlucoseFeature.TryDecode),
        "racp" => Wrap<RacpValue>(RacpDecoder.TryDecode),
        "plx-spot-check" => Wrap<PlxSpotCheck>(PlxSpotCheckCodec.TryDecode),
        "plx-continuous" => Wrap<PlxContinuous>(PlxContinuousCodec.TryDecode),
        "plx-features" => Wrap<PlxFeatures>(PlxFeatures.TryDecode),
        "weight-measurement" => Wrap<WeightMeasurement>(WeightMeasurementCodec.TryDecode),
        "weight-scale-feature" => WrapValue<uint>(WeightScaleFeature.TryDecode),
        "blood-pressure" => Wrap<BloodPressureMeasurement>(BloodPressureMeasurementCodec.TryDecode),
        "battery-level" => WrapValue<int>(BatteryLevelDecoder.TryDecode),
        "date-time" => Wrap<DeviceTime>(DateTimeDecoder.TryDecode),
        "current-time" => Wrap<CurrentTime>(CurrentTimeDecoder.TryDecode),
        "system-id" => Wrap<SystemId>(SystemId.TryDecode),
        "device-information-string" => Wrap<string>(DeviceInformationString.TryDecode),
        _ => throw new ArgumentException(name),
    };

    private delegate bool TryDecode<T>(byte[] buffer, int offset, int count, out T value, out DecodeFailure failure);

    private static Decode Wrap<T>(TryDecode<T> tryDecode)
        where T : class =>
        (byte[] bytes, out object? value, out DecodeFailure? failure) =>
        {
            bool ok = tryDecode(bytes, 0, bytes.Length, out T decoded, out DecodeFailure f);
            value = decoded;
            failure = f;
            return ok;
        };

    private static Decode WrapValue<T>(TryDecode<T> tryDecode)
        where T : struct =>
        (byte[] bytes, out object? value, out DecodeFailure? failure) =>
        {
            bool ok = tryDecode(bytes, 0, bytes.Length, out T decoded, out DecodeFailure f);
            value = ok ? decoded : null;
            failure = f;
            return ok;
        };
}
