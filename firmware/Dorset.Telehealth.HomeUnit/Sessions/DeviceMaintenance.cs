using System;
using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.HomeUnit.Devices;
using Dorset.Telehealth.HomeUnit.Time;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Battery;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.DeviceInformation;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.HomeUnit.Sessions
{
    /// <summary>
    /// On first contact with a device and then daily: read its battery and Device Information, and set its clock where
    /// it is writable (Current Time 0x2A2B, else Date Time 0x2A08 inside the device's own service), to UK civil time.
    /// A device clock is set only from a synchronised unit clock: a wrong time written there would date every later
    /// record wrongly.
    /// </summary>
    public static class DeviceMaintenance
    {
        /// <summary>How often a device is checked.</summary>
        public static readonly TimeSpan Interval = new TimeSpan(1, 0, 0, 0);

        /// <summary>Runs the checks over an open connection and records what was learnt in <paramref name="health"/>.</summary>
        public static void Run(IBleConnection connection, PairedDevice device, IUnitClock clock, DeviceHealth health)
        {
            byte[] battery = connection.Read(GattUuids.BatteryService, GattUuids.BatteryLevel);
            int level;
            DecodeFailure failure;
            if (battery != null && BatteryLevelDecoder.TryDecode(battery, 0, battery.Length, out level, out failure))
            {
                health.Battery = level;
            }

            health.Manufacturer = ReadString(connection, GattUuids.ManufacturerName);
            health.Model = ReadString(connection, GattUuids.ModelNumber);
            health.Firmware = ReadString(connection, GattUuids.FirmwareRevision);
            health.ClockSet = clock.IsSynchronised && SetClock(connection, device, UkCivilTime.FromUtc(clock.UtcNow));
        }

        private static bool SetClock(IBleConnection connection, PairedDevice device, DateTime civil)
        {
            DeviceTime now = DeviceTime.FromDateTime(civil);
            if (connection.HasCharacteristic(GattUuids.CurrentTimeService, GattUuids.CurrentTime))
            {
                // Day of week: 1 Monday .. 7 Sunday (Current Time Service 1.1, 3.1).
                int dayOfWeek = civil.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)civil.DayOfWeek;
                var value = new CurrentTime(now, dayOfWeek, 0, CurrentTimeAdjustReason.ExternalReferenceTimeUpdate);
                return connection.Write(GattUuids.CurrentTimeService, GattUuids.CurrentTime, CurrentTimeEncoder.Encode(value));
            }

            ushort service = DeviceKinds.Service(device.Kind);
            return connection.HasCharacteristic(service, GattUuids.DateTime)
                && connection.Write(service, GattUuids.DateTime, DateTimeEncoder.Encode(now));
        }

        private static string ReadString(IBleConnection connection, ushort characteristic)
        {
            byte[] value = connection.Read(GattUuids.DeviceInformationService, characteristic);
            string text;
            DecodeFailure failure;
            return value != null && DeviceInformationString.TryDecode(value, 0, value.Length, out text, out failure) ? text : null;
        }
    }
}
