using System;

namespace Dorset.Telehealth.HomeUnit.Esp32.Adapters
{
    /// <summary>Bluetooth addresses as the config writes them ("C0:26:DA:01:02:03") and as the stack holds them (ulong).</summary>
    public static class BluetoothAddresses
    {
        /// <summary>The 48-bit address as upper-case hex octets, most significant first.</summary>
        public static string Format(ulong address)
        {
            const string Hex = "0123456789ABCDEF";
            var text = new char[17];
            for (int octet = 0; octet < 6; octet++)
            {
                int value = (int)((address >> ((5 - octet) * 8)) & 0xFF);
                text[octet * 3] = Hex[value >> 4];
                text[(octet * 3) + 1] = Hex[value & 0xF];
                if (octet < 5)
                {
                    text[(octet * 3) + 2] = ':';
                }
            }

            return new string(text);
        }

        /// <summary>Parses "C0:26:DA:01:02:03".</summary>
        public static ulong Parse(string address)
        {
            ulong value = 0;
            for (int octet = 0; octet < 6; octet++)
            {
                value = (value << 8) | Convert.ToUInt64(address.Substring(octet * 3, 2), 16);
            }

            return value;
        }
    }
}
