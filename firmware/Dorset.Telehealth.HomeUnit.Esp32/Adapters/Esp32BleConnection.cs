using System;
using System.Collections;
using Dorset.Telehealth.HomeUnit.Ble;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

namespace Dorset.Telehealth.HomeUnit.Esp32.Adapters
{
    /// <summary>
    /// <see cref="IBleConnection"/> on a nanoFramework BluetoothLEDevice. The first service lookup makes the connection,
    /// and reports success even when it failed, so the result's service count and the connection status are checked.
    /// Every write, CCCD included, is with response; some peripherals never send events otherwise.
    /// </summary>
    public sealed class Esp32BleConnection : IBleConnection
    {
        private readonly BluetoothLEDevice device;
        private readonly Hashtable services = new Hashtable();
        private readonly Hashtable characteristics = new Hashtable();

        /// <summary>Wraps a device; <see cref="Open"/> connects.</summary>
        public Esp32BleConnection(BluetoothLEDevice device)
        {
            this.device = device;
        }

        /// <inheritdoc/>
        public bool IsConnected
        {
            get { return device.ConnectionStatus == BluetoothConnectionStatus.Connected; }
        }

        /// <summary>Connects by looking up the device's primary service, and keeps it.</summary>
        public bool Open(ushort primaryService)
        {
            GattDeviceServicesResult result = device.GetGattServicesForUuid(Utilities.CreateUuidFromShortCode(primaryService));
            if (result.Status != GattCommunicationStatus.Success || result.Services.Length == 0 || !IsConnected)
            {
                return false;
            }

            services[primaryService] = result.Services[0];
            return true;
        }

        /// <inheritdoc/>
        public bool Pair()
        {
            // Writes do not trigger pairing on demand: meters that need a bond refuse CCCD and RACP writes until this is done.
            device.Pairing.ProtectionLevel = DevicePairingProtectionLevel.EncryptionAndAuthentication;
            device.Pairing.AllowBonding = true;
            return device.Pairing.IsPaired || device.Pairing.Pair().Status == DevicePairingResultStatus.Paired;
        }

        /// <inheritdoc/>
        public bool HasCharacteristic(ushort service, ushort characteristic)
        {
            return Find(service, characteristic) != null;
        }

        /// <inheritdoc/>
        public byte[] Read(ushort service, ushort characteristic)
        {
            GattCharacteristic c = Find(service, characteristic);
            if (c == null)
            {
                return null;
            }

            GattReadResult result = c.ReadValue();
            return result.Status == GattCommunicationStatus.Success ? Bytes(result.Value) : null;
        }

        /// <inheritdoc/>
        public bool Write(ushort service, ushort characteristic, byte[] value)
        {
            GattCharacteristic c = Find(service, characteristic);
            if (c == null)
            {
                return false;
            }

            var writer = new DataWriter();
            writer.WriteBytes(value);
            return c.WriteValueWithResult(writer.DetachBuffer(), GattWriteOption.WriteWithResponse).Status == GattCommunicationStatus.Success;
        }

        /// <inheritdoc/>
        public bool Subscribe(ushort service, ushort characteristic, bool indicate, CharacteristicValueHandler handler)
        {
            GattCharacteristic c = Find(service, characteristic);
            if (c == null)
            {
                return false;
            }

            c.ValueChanged += (GattCharacteristic sender, GattValueChangedEventArgs e) => handler(characteristic, Bytes(e.CharacteristicValue));
            GattClientCharacteristicConfigurationDescriptorValue mode = indicate
                ? GattClientCharacteristicConfigurationDescriptorValue.Indicate
                : GattClientCharacteristicConfigurationDescriptorValue.Notify;
            return c.WriteClientCharacteristicConfigurationDescriptorWithResult(mode).Status == GattCommunicationStatus.Success;
        }

        /// <inheritdoc/>
        public void Disconnect()
        {
            device.Close();
            device.Dispose();
        }

        private GattCharacteristic Find(ushort service, ushort characteristic)
        {
            string key = service + "/" + characteristic;
            if (characteristics.Contains(key))
            {
                return (GattCharacteristic)characteristics[key];
            }

            var gattService = services[service] as GattDeviceService;
            if (gattService == null)
            {
                GattDeviceServicesResult found = device.GetGattServicesForUuid(Utilities.CreateUuidFromShortCode(service));
                if (found.Status != GattCommunicationStatus.Success || found.Services.Length == 0)
                {
                    return null;
                }

                gattService = found.Services[0];
                services[service] = gattService;
            }

            GattCharacteristicsResult result = gattService.GetCharacteristicsForUuid(Utilities.CreateUuidFromShortCode(characteristic));
            GattCharacteristic c = result.Status == GattCommunicationStatus.Success && result.Characteristics.Length > 0 ? result.Characteristics[0] : null;
            characteristics[key] = c;
            return c;
        }

        private static byte[] Bytes(Buffer buffer)
        {
            DataReader reader = DataReader.FromBuffer(buffer);
            var bytes = new byte[reader.UnconsumedBufferLength];
            reader.ReadBytes(bytes);
            return bytes;
        }
    }
}
