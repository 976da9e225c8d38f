using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.Protocol.BloodPressure;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.PulseOximetry;
using Dorset.Telehealth.Protocol.Uplink;
using Dorset.Telehealth.Protocol.Weight;

namespace Dorset.Telehealth.HomeUnit.Readings
{
    /// <summary>
    /// Turns what a device sent into an uplink reading (firmware/PROTOCOL.md): the device that took it (address and
    /// address type), exact values in the kind's fixed unit where the conversion is exact (kg/L to mg/dL, mol/L to
    /// mmol/L), otherwise the device's unit with the alternate-unit flag (lb, kPa) for the gateway to convert; the status
    /// bits a clinician needs; a meter's glucose context; and whether the device's time was no valid time.
    /// </summary>
    public static class UplinkReadingFactory
    {
        /// <summary>The uplink reading for <paramref name="reading"/>.</summary>
        public static UplinkReading Create(DeviceReading reading)
        {
            var r = new UplinkReading();
            r.Slot = reading.Slot;
            r.DeviceAddress = reading.Address;
            r.RandomAddress = reading.AddressType == BleAddressType.Random;
            r.DeviceTimeInvalid = reading.DeviceTimeInvalid;
            r.DeviceSequence = reading.DeviceSequence == DeviceReading.NoSequence ? UplinkReading.NoSequence : reading.DeviceSequence;
            r.DeviceTime = reading.DeviceTime;
            r.ReceivedAt = reading.ReceivedAt;
            r.ClockSynchronised = reading.ClockSynchronised;
            var glucose = reading.Measurement as GlucoseMeasurement;
            var spotCheck = reading.Measurement as PlxSpotCheck;
            var weight = reading.Measurement as WeightMeasurement;
            var pressure = reading.Measurement as BloodPressureMeasurement;
            if (glucose != null)
            {
                FillGlucose(r, glucose);
                r.Context = reading.Context;
            }
            else if (spotCheck != null)
            {
                r.Kind = ReadingKind.PulseOximetry;
                r.Values = new MedicalFloat[] { spotCheck.SpO2, spotCheck.PulseRate };
                r.HasStatus = spotCheck.HasMeasurementStatus || spotCheck.HasDeviceSensorStatus;
                r.Status = spotCheck.MeasurementStatus;
                r.DeviceStatus = spotCheck.DeviceSensorStatus;
            }
            else if (weight != null)
            {
                r.Kind = ReadingKind.Weight;
                r.Values = new MedicalFloat[] { weight.Weight };
                r.AlternateUnit = weight.Imperial;
                r.HasUserId = weight.HasUserId;
                r.UserId = weight.UserId;
            }
            else if (pressure != null)
            {
                r.Kind = ReadingKind.BloodPressure;
                r.Values = pressure.HasPulseRate
                    ? new MedicalFloat[] { pressure.Systolic, pressure.Diastolic, pressure.MeanArterialPressure, pressure.PulseRate }
                    : new MedicalFloat[] { pressure.Systolic, pressure.Diastolic, pressure.MeanArterialPressure };
                r.AlternateUnit = pressure.Kilopascals;
                r.HasStatus = pressure.HasMeasurementStatus;
                r.Status = pressure.MeasurementStatus;
            }
            else
            {
                throw new System.ArgumentException("not a measurement the unit forwards");
            }

            return r;
        }

        private static void FillGlucose(UplinkReading r, GlucoseMeasurement glucose)
        {
            r.Kind = ReadingKind.Glucose;
            bool molar = glucose.HasConcentration && glucose.Unit == GlucoseConcentrationUnit.MolesPerLitre;
            MedicalFloat value = !glucose.HasConcentration
                ? MedicalFloat.NaN
                : molar ? glucose.MillimolesPerLitre : glucose.MilligramsPerDecilitre;
            if (glucose.HasConcentration && !glucose.Concentration.IsNumber)
            {
                value = glucose.Concentration;
            }

            r.Values = new MedicalFloat[] { value };
            r.AlternateUnit = molar;
            r.GlucoseType = glucose.Type;
            r.GlucoseLocation = glucose.Location;
            r.HasStatus = glucose.HasSensorStatus;
            r.Status = glucose.SensorStatus;
        }
    }
}
