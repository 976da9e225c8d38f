using System.Collections;
using Dorset.Telehealth.HomeUnit.Devices;
using Dorset.Telehealth.HomeUnit.Json;

namespace Dorset.Telehealth.HomeUnit.Config
{
    /// <summary>
    /// Reads the devices of the gateway's retained config document
    /// ({"devices":[{"slot":0,"address":"C0:26:DA:01:02:03","kind":"glucose-meter","needsBond":true}],"settings":{}}).
    /// A document that does not parse changes nothing: the unit keeps reading the devices it had.
    /// </summary>
    public static class PairedDeviceList
    {
        /// <summary>The devices, or false with the reason.</summary>
        public static bool TryParse(string json, out PairedDevice[] devices, out string error)
        {
            devices = null;
            object root;
            if (!JsonParser.TryParse(json, out root, out error))
            {
                error = "config: " + error;
                return false;
            }

            var document = root as Hashtable;
            var list = document == null ? null : document["devices"] as ArrayList;
            if (list == null)
            {
                error = "config: no \"devices\" array";
                return false;
            }

            var result = new PairedDevice[list.Count];
            for (int i = 0; i < list.Count; i++)
            {
                var entry = list[i] as Hashtable;
                string address = entry == null ? null : entry["address"] as string;
                DeviceKind kind = entry == null ? DeviceKind.Unknown : DeviceKinds.Parse(entry["kind"] as string);
                long slot = entry != null && entry["slot"] is long ? (long)entry["slot"] : -1;
                if (address == null || address.Length != 17 || kind == DeviceKind.Unknown || slot < 0 || slot > 15)
                {
                    error = "config: devices[" + i + "] needs slot 0..15, a Bluetooth address and a known kind";
                    return false;
                }

                result[i] = new PairedDevice((int)slot, address, kind, entry["needsBond"] is bool && (bool)entry["needsBond"]);
            }

            devices = result;
            return true;
        }
    }
}
