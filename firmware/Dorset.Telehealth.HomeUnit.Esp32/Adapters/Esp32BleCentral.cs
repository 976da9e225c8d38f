using System;
using System.Collections;
using Dorset.Telehealth.HomeUnit.Ble;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace Dorset.Telehealth.HomeUnit.Esp32.Adapters
{
    /// <summary>
    /// <see cref="IBleCentral"/> on nanoFramework.Device.Bluetooth. Works around the stack's known defects: 16-bit service
    /// UUIDs are read from the advertisement's sections 0x02/0x03 (ServiceUuids lists only 128-bit ones), and the
    /// watcher is stopped before connecting (the stack cannot scan and connect at once).
    /// </summary>
    public sealed class Esp32BleCentral : IBleCentral
    {
        private readonly BluetoothLEAdvertisementWatcher watcher = new BluetoothLEAdvertisementWatcher();
        private readonly Hashtable addressTypes = new Hashtable();
        private AdvertisementHandler handler;

        /// <summary>Creates the central with an active scanner.</summary>
        public Esp32BleCentral()
        {
            watcher.ScanningMode = BluetoothLEScanningMode.Active;
            watcher.Received += OnReceived;
        }

        /// <inheritdoc/>
        public void StartScan(AdvertisementHandler handler)
        {
            this.handler = handler;
            watcher.Start();
        }

        /// <inheritdoc/>
        public void StopScan()
        {
            watcher.Stop();
            handler = null;
        }

        /// <inheritdoc/>
        public IBleConnection Connect(string address, ushort primaryService)
        {
            StopScan();
            ulong raw = BluetoothAddresses.Parse(address);
            object type = addressTypes[address];
            BluetoothLEDevice device = BluetoothLEDevice.FromBluetoothAddress(raw, type == null ? BluetoothAddressType.Public : (BluetoothAddressType)type);
            var connection = new Esp32BleConnection(device);
            if (!connection.Open(primaryService))
            {
                connection.Disconnect();
                return null;
            }

            return connection;
        }

        private void OnReceived(BluetoothLEAdvertisementWatcher sender, BluetoothLEAdvertisementReceivedEventArgs args)
        {
            string address = BluetoothAddresses.Format(args.BluetoothAddress);
            addressTypes[address] = args.BluetoothAddressType;
            AdvertisementHandler current = handler;
            if (current != null)
            {
                current(new BleAdvertisement(address, args.RawSignalStrengthInDBm, ShortServiceUuids(args.Advertisement), args.Advertisement.LocalName));
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
