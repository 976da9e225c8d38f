using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.HomeUnit.Devices
{
    /// <summary>Config names (<see cref="DeviceKindNames"/>, in the same order) and advertised services of the <see cref="DeviceKind"/>s.</summary>
    public static class DeviceKinds
    {
        private static readonly ushort[] Services = { 0, GattUuids.GlucoseService, GattUuids.PulseOximeterService, GattUuids.WeightScaleService, GattUuids.BloodPressureService };

        /// <summary>The kind a config name stands for, or <see cref="DeviceKind.Unknown"/>.</summary>
        public static DeviceKind Parse(string name)
        {
            for (int i = 0; i < DeviceKindNames.All.Length; i++)
            {
                if (DeviceKindNames.All[i] == name)
                {
                    return (DeviceKind)(i + 1);
                }
            }

            return DeviceKind.Unknown;
        }

        /// <summary>The config name of a kind.</summary>
        public static string Name(DeviceKind kind)
        {
            return kind == DeviceKind.Unknown ? null : DeviceKindNames.All[(int)kind - 1];
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
