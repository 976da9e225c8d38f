using Dorset.Telehealth.Protocol;

namespace Dorset.Telehealth.HomeUnit.Devices
{
    /// <summary>Config names and advertised services of the <see cref="DeviceKind"/>s.</summary>
    public static class DeviceKinds
    {
        private static readonly string[] ConfigNames = { null, "glucose-meter", "pulse-oximeter", "weight-scale", "blood-pressure-monitor" };
        private static readonly ushort[] Services = { 0, GattUuids.GlucoseService, GattUuids.PulseOximeterService, GattUuids.WeightScaleService, GattUuids.BloodPressureService };

        /// <summary>The kind a config name stands for, or <see cref="DeviceKind.Unknown"/>.</summary>
        public static DeviceKind Parse(string name)
        {
            for (int i = 1; i < ConfigNames.Length; i++)
            {
                if (ConfigNames[i] == name)
                {
                    return (DeviceKind)i;
                }
            }

            return DeviceKind.Unknown;
        }

        /// <summary>The config name of a kind.</summary>
        public static string Name(DeviceKind kind)
        {
            return ConfigNames[(int)kind];
        }

        /// <summary>The primary service a kind advertises.</summary>
        public static ushort Service(DeviceKind kind)
        {
            return Services[(int)kind];
        }

        /// <summary>The kind advertising <paramref name="service"/>, or <see cref="DeviceKind.Unknown"/>.</summary>
        public static DeviceKind FromService(ushort service)
        {
            for (int i = 1; i < Services.Length; i++)
            {
                if (Services[i] == service)
                {
                    return (DeviceKind)i;
                }
            }

            return DeviceKind.Unknown;
        }
    }
}
