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
    /// Every write, CCCD included, is with response: the library's default for both is without, which reports success
    /// before the peripheral has answered, so a refused write would look accepted. Nothing thrown escapes: the
    /// interface promises false/null.
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
            get
            {
                try
                {
                    return device.ConnectionStatus == BluetoothConnectionStatus.Connected;
                }
                catch (Exception)
                {
                    return false;
                }
            }
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
            try
            {
                // The unit has no display and no keypad, so it can only pair "Just Works": NoInputNoOutput with
                // encryption and bonding but without MITM protection. Asking for EncryptionAndAuthentication as well
                // makes NimBLE demand MITM, which these IO capabilities cannot give, and the pairing then fails or
                // waits out its 10 s. A meter that insists on a PIN cannot bond with the unit at all
                // (hardware/FLASHING.md, troubleshooting); the session reports bond-failed.
                DevicePairing pairing = device.Pairing;
                pairing.IOCapabilities = DevicePairingIOCapabilities.NoInputNoOutput;
                pairing.ProtectionLevel = DevicePairingProtectionLevel.Encryption;
                pairing.AllowBonding = true;
                pairing.PairingRequested += OnPairingRequested;
                try
                {
                    // With a bond already in NimBLE's store this re-encrypts the link with the stored keys; otherwise
                    // it pairs and stores new ones (in flash on ESP32_BLE_REV0).
                    return pairing.IsPaired || pairing.Pair().Status == DevicePairingResultStatus.Paired;
                }
                finally
                {
                    pairing.PairingRequested -= OnPairingRequested;
                }
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <inheritdoc/>
        public bool HasCharacteristic(ushort service, ushort characteristic)
        {
            try
            {
                return Find(service, characteristic) != null;
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <inheritdoc/>
        public byte[] Read(ushort service, ushort characteristic)
        {
            try
            {
                GattCharacteristic c = Find(service, characteristic);
                if (c == null)
                {
                    return null;
                }

                GattReadResult result = c.ReadValue();
                return result.Status == GattCommunicationStatus.Success ? Bytes(result.Value) : null;
            }
            catch (Exception)
            {
                return null;
            }
        }

        /// <inheritdoc/>
        public bool Write(ushort service, ushort characteristic, byte[] value)
        {
            try
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
            catch (Exception)
            {
                return false;
            }
        }

        /// <inheritdoc/>
        public bool Subscribe(ushort service, ushort characteristic, bool indicate, CharacteristicValueHandler handler)
        {
            try
            {
                GattCharacteristic c = Find(service, characteristic);
                if (c == null)
                {
                    return false;
                }

                c.ValueChanged += (GattCharacteristic sender, GattValueChangedEventArgs e) =>
                {
                    try
                    {
                        handler(characteristic, Bytes(e.CharacteristicValue));
                    }
                    catch (Exception)
                    {
                        // On the stack's event thread nothing may escape; a value that cannot be copied is lost, as a
                        // corrupted one would be.
                    }
                };
                GattClientCharacteristicConfigurationDescriptorValue mode = indicate
                    ? GattClientCharacteristicConfigurationDescriptorValue.Indicate
                    : GattClientCharacteristicConfigurationDescriptorValue.Notify;

                // With response, so that a meter refusing an unbonded subscribe (ATT 0x05/0x0F) is seen as refused.
                return c.WriteClientCharacteristicConfigurationDescriptorWithResult(mode, GattWriteOption.WriteWithResponse).Status == GattCommunicationStatus.Success;
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <inheritdoc/>
        public void Disconnect()
        {
            try
            {
                device.Close();
            }
            catch (Exception)
            {
                // Already gone.
            }

            try
            {
                device.Dispose();
            }
            catch (Exception)
            {
                // Dispose stops the NimBLE stack when no other device is connected; a stop that fails is not ours to fix.
            }
        }

        private static void OnPairingRequested(object sender, DevicePairingRequestedEventArgs args)
        {
            // Only a "Just Works" confirmation can be answered without a display or keypad; for a PIN there is no one
            // to type or read it, so the request is left unanswered and the pairing fails.
            if (args.PairingKind == DevicePairingKinds.ConfirmOnly)
            {
                args.Accept();
            }
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
