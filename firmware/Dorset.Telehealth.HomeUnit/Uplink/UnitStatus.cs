using System.Text;
using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.HomeUnit.Devices;
using Dorset.Telehealth.HomeUnit.Pairing;
using Dorset.Telehealth.HomeUnit.Sessions;

namespace Dorset.Telehealth.HomeUnit.Uplink
{
    /// <summary>The status document (firmware/PROTOCOL.md "Status"), built without a JSON library.</summary>
    public sealed class UnitStatus
    {
        /// <summary>"online" or "offline".</summary>
        public string State { get; set; }

        /// <summary>Firmware version.</summary>
        public string Firmware { get; set; }

        /// <summary>Supply level, percent.</summary>
        public int Battery { get; set; }

        /// <summary>Wi-Fi RSSI, dBm.</summary>
        public int Rssi { get; set; }

        /// <summary>Readings waiting for PUBACK.</summary>
        public int OutboxDepth { get; set; }

        /// <summary>Readings dropped because the outbox was full.</summary>
        public uint Dropped { get; set; }

        /// <summary>Readings moved to the dead-letter file because they could not be encoded or decoded (a firmware fault).</summary>
        public int DeadLettered { get; set; }

        /// <summary>Whether SNTP has set the clock.</summary>
        public bool ClockSynced { get; set; }

        /// <summary>In pairing mode: the health devices seen, for hub staff to confirm; otherwise null.</summary>
        public PairingCandidate[] Candidates { get; set; }

        /// <summary>Per slot, what the unit learnt about each device (null entries: never contacted).</summary>
        public DeviceHealth[] Devices { get; set; }

        /// <summary>Per slot, how the last attempt to read the device ended (<see cref="SessionResultNames"/>; null: never tried).</summary>
        public string[] Sessions { get; set; }

        /// <summary>The UTF-8 JSON payload.</summary>
        public byte[] ToJson()
        {
            var json = new StringBuilder();
            json.Append("{\"state\":\"").Append(State).Append("\",\"firmware\":\"").Append(Firmware)
                .Append("\",\"battery\":").Append(Battery).Append(",\"rssi\":").Append(Rssi)
                .Append(",\"outboxDepth\":").Append(OutboxDepth).Append(",\"dropped\":").Append(Dropped)
                .Append(",\"deadLettered\":").Append(DeadLettered)
                .Append(",\"clockSynced\":").Append(ClockSynced ? "true" : "false");
            if (Candidates != null)
            {
                json.Append(",\"candidates\":[");
                for (int i = 0; i < Candidates.Length; i++)
                {
                    PairingCandidate c = Candidates[i];
                    json.Append(i == 0 ? "{" : ",{").Append("\"address\":\"").Append(c.Address).Append("\",\"addressType\":\"")
                        .Append(c.AddressType == BleAddressType.Random ? "random" : "public").Append("\",\"kind\":\"")
                        .Append(DeviceKinds.Name(c.Kind)).Append("\",\"rssi\":").Append(c.Rssi).Append(",\"name\":");
                    AppendString(json, c.Name);
                    json.Append('}');
                }

                json.Append(']');
            }

            AppendDevices(json);
            AppendSessions(json);
            json.Append('}');
            return Encoding.UTF8.GetBytes(json.ToString());
        }

        private void AppendSessions(StringBuilder json)
        {
            if (Sessions == null)
            {
                return;
            }

            json.Append(",\"sessions\":[");
            bool first = true;
            for (int slot = 0; slot < Sessions.Length; slot++)
            {
                if (Sessions[slot] != null)
                {
                    json.Append(first ? "{" : ",{").Append("\"slot\":").Append(slot).Append(",\"last\":\"").Append(Sessions[slot]).Append("\"}");
                    first = false;
                }
            }

            json.Append(']');
        }

        private void AppendDevices(StringBuilder json)
        {
            if (Devices == null)
            {
                return;
            }

            json.Append(",\"devices\":[");
            bool first = true;
            for (int i = 0; i < Devices.Length; i++)
            {
                DeviceHealth d = Devices[i];
                if (d == null)
                {
                    continue;
                }

                json.Append(first ? "{" : ",{").Append("\"slot\":").Append(d.Slot).Append(",\"battery\":");
                json.Append(d.Battery == DeviceHealth.UnknownBattery ? "null" : d.Battery.ToString());
                json.Append(",\"manufacturer\":");
                AppendString(json, d.Manufacturer);
                json.Append(",\"model\":");
                AppendString(json, d.Model);
                json.Append(",\"clockSet\":").Append(d.ClockSet ? "true" : "false").Append('}');
                first = false;
            }

            json.Append(']');
        }

        private static void AppendString(StringBuilder json, string text)
        {
            if (text == null)
            {
                json.Append("null");
                return;
            }

            json.Append('"');
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '"' || c == '\\')
                {
                    json.Append('\\').Append(c);
                }
                else if (c >= ' ')
                {
                    json.Append(c);
                }
            }

            json.Append('"');
        }

        /// <summary>The last will: {"state":"offline"}.</summary>
        public static byte[] OfflineWill()
        {
            return Encoding.UTF8.GetBytes("{\"state\":\"offline\"}");
        }
    }
}
