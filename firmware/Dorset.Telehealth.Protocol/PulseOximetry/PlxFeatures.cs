using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.PulseOximetry
{
    /// <summary>PLX Features 0x2A60 (PLXS 1.0, 3.3): supported features and, when flagged, which status bits are supported.</summary>
    public sealed class PlxFeatures
    {
        /// <summary>Bit 0: measurement status support field present.</summary>
        public const int MeasurementStatusSupportPresent = 1 << 0;

        /// <summary>Bit 1: device and sensor status support field present.</summary>
        public const int DeviceSensorStatusSupportPresent = 1 << 1;

        /// <summary>Bit 2: the device stores spot-check measurements (fetch them with RACP).</summary>
        public const int SpotCheckStorage = 1 << 2;

        /// <summary>Names of feature bits 0..8.</summary>
        public static readonly string[] Names =
        {
            "measurementStatusSupport", "deviceSensorStatusSupport", "spotCheckMeasurementStorage", "spotCheckTimestamp",
            "spo2prFast", "spo2prSlow", "pulseAmplitudeIndex", "multipleBonds",
        };

        /// <summary>The supported features.</summary>
        public int Features { get; set; }

        /// <summary>Supported measurement status bits (present when <see cref="MeasurementStatusSupportPresent"/> is set).</summary>
        public int MeasurementStatusSupport { get; set; }

        /// <summary>Supported device and sensor status bits (present when <see cref="DeviceSensorStatusSupportPresent"/> is set).</summary>
        public int DeviceSensorStatusSupport { get; set; }

        /// <summary>True when the device keeps spot-checks for RACP.</summary>
        public bool HasStorage
        {
            get { return (Features & SpotCheckStorage) != 0; }
        }

        /// <summary>Decodes the features.</summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, out PlxFeatures features, out DecodeFailure failure)
        {
            features = null;
            var reader = new GattReader(buffer, offset, count);
            if (!reader.Require(2, "features", out failure))
            {
                return false;
            }

            int bits = buffer[offset] | (buffer[offset + 1] << 8);
            if (!reader.Require(SizeFor(bits), "features", out failure))
            {
                return false;
            }

            var result = new PlxFeatures();
            result.Features = reader.ReadUInt16();
            if ((bits & MeasurementStatusSupportPresent) != 0)
            {
                result.MeasurementStatusSupport = reader.ReadUInt16();
            }

            if ((bits & DeviceSensorStatusSupportPresent) != 0)
            {
                result.DeviceSensorStatusSupport = reader.ReadUInt24();
            }

            features = result;
            return true;
        }

        /// <summary>The characteristic's bytes.</summary>
        public byte[] Encode()
        {
            var writer = new GattWriter(SizeFor(Features));
            writer.WriteUInt16(Features);
            if ((Features & MeasurementStatusSupportPresent) != 0)
            {
                writer.WriteUInt16(MeasurementStatusSupport);
            }

            if ((Features & DeviceSensorStatusSupportPresent) != 0)
            {
                writer.WriteUInt24(DeviceSensorStatusSupport);
            }

            return writer.ToArray();
        }

        private static int SizeFor(int bits)
        {
            return 2 + ((bits & MeasurementStatusSupportPresent) != 0 ? 2 : 0) + ((bits & DeviceSensorStatusSupportPresent) != 0 ? 3 : 0);
        }
    }
}
