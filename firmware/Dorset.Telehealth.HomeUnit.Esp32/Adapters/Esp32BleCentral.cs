using System;
using System.Collections;
using Dorset.Telehealth.HomeUnit.Ble;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace Dorset.Telehealth.HomeUnit.Esp32.Adapters
{
    /// <summary>
    /// <see cref="IBleCentral"/> on nanoFramework.Device.Bluetooth. Works around the stack as it is: 16-bit service
    /// UUIDs are read from the advertisement's sections 0x02/0x03; the watcher is stopped before connecting (the
    /// stack cannot scan and connect at once); scan responses are passed on as they come, as packets of their own
    /// (PairingScan joins a name heard only there to its device). Nothing thrown escapes: the interface promises
    /// false/null, and a stack that fails to restart must not end the unit's loop.
    /// </summary>
    public sealed class Esp32BleCentral : IBleCentral
    {
        private readonly BluetoothLEAdvertisementWatcher watcher = new BluetoothLEAdvertisementWatcher();
        private AdvertisementHandler handler;

        /// <summary>Creates the central with an active scanner (active, so that devices send their scan responses).</summary>
        public Esp32BleCentral()
        {
            watcher.ScanningMode = BluetoothLEScanningMode.Active;
            watcher.Received += OnReceived;
        }

        /// <inheritdoc/>
        public void StartScan(AdvertisementHandler handler)
        {
            this.handler = handler;
            try
            {
                // Start brings the NimBLE stack up if it is down; a failed start throws InvalidOperationException.
                watcher.Start();
            }
            catch (Exception)
            {
                this.handler = null;
                Recover();
                throw;
            }
        }

        /// <inheritdoc/>
        public void StopScan()
        {
            handler = null;
            try
            {
                // With no device connected, Stop also stops the NimBLE stack (BluetoothLEDevice.IdleOnLastConnection);
                // the next scan or connect starts it again, and with it reloads the bonds, which is why the unit runs
                // the ESP32_BLE_REV0 image that keeps them in flash (HAZARD-LOG.md H29).
                watcher.Stop();
            }
            catch (Exception)
            {
                // Nothing to undo: the stack is down either way.
            }
        }

        /// <inheritdoc/>
        public IBleConnection Connect(string address, BleAddressType addressType, ushort primaryService)
        {
            StopScan();
            Esp32BleConnection connection = null;
            try
            {
                BluetoothLEDevice device = BluetoothLEDevice.FromBluetoothAddress(BluetoothAddresses.Parse(address),
                    addressType == BleAddressType.Random ? BluetoothAddressType.Random : BluetoothAddressType.Public);
                connection = new Esp32BleConnection(device);
                if (connection.Open(primaryService))
                {
                    return connection;
                }
            }
            catch (Exception)
            {
                // The stack failed to start (InvalidOperationException from the run mode switch) or the device object
                // broke mid-discovery: no connection.
                Recover();
            }

            if (connection != null)
            {
                connection.Disconnect();
            }

            return null;
        }

        /// <summary>
        /// After a failed start the library believes the stack runs in client mode when it does not, and would never
        /// try to start it again; stopping the watcher resets its run mode, so the next scan or connect really starts it.
        /// </summary>
        private void Recover()
        {
            try
            {
                watcher.Stop();
            }
            catch (Exception)
            {
                // Already as stopped as it gets.
            }
        }

        private void OnReceived(BluetoothLEAdvertisementWatcher sender, BluetoothLEAdvertisementReceivedEventArgs args)
        {
            AdvertisementHandler current = handler;
            if (current == null)
            {
                return;
            }

            try
            {
                current(new BleAdvertisement(BluetoothAddresses.Format(args.BluetoothAddress),
                    args.BluetoothAddressType == BluetoothAddressType.Random ? BleAddressType.Random : BleAddressType.Public,
                    args.RawSignalStrengthInDBm, ShortServiceUuids(args.Advertisement), args.Advertisement.LocalName));
            }
            catch (Exception)
            {
                // A malformed advertisement is someone else's radio noise; the scan goes on.
            }
        }

        private static ushort[] ShortServiceUuids(BluetoothLEAdvertisement advertisement)
        {
            var found = new ArrayList();
            foreach (byte sectionType in new byte[] { 0x02, 0x03 })
            {
                foreach (BluetoothLEAdvertisementDataSection section in advertisement.GetSectionsByType(sectionType))
                {
                    DataReader reader = DataReader.FromBuffer(section.Data);
                    while (reader.UnconsumedBufferLength >= 2)
                    {
                        found.Add(reader.ReadUInt16());
                    }
                }
            }

            var result = new ushort[found.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (ushort)found[i];
            }

            return result;
        }
    }
}
