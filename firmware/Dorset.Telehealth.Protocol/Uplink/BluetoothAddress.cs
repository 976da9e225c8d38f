namespace Dorset.Telehealth.Protocol.Uplink
{
    /// <summary>
    /// A Bluetooth device address as the config, the status document and the cloud write it ("C0:26:DA:01:02:03": six
    /// octets, upper-case hex, colon-separated, most significant first) and as the frame carries it (the same six octets
    /// in the same order).
    /// </summary>
    public static class BluetoothAddress
    {
        /// <summary>Octets in an address.</summary>
        public const int Size = 6;

        /// <summary>
        /// The octets of <paramref name="text"/> into <paramref name="octets"/> at <paramref name="offset"/>; false
        /// (nothing written) unless it is six hex octets separated by colons. Either case is read.
        /// </summary>
        public static bool TryParse(string text, byte[] octets, int offset)
        {
            if (text == null || text.Length != Size * 3 - 1)
            {
                return false;
            }

            for (int i = 0; i < Size; i++)
            {
                int high = HexDigit(text[i * 3]);
                int low = HexDigit(text[i * 3 + 1]);
                if (high < 0 || low < 0 || (i < Size - 1 && text[i * 3 + 2] != ':'))
                {
                    return false;
                }
            }

            for (int i = 0; i < Size; i++)
            {
                octets[offset + i] = (byte)((HexDigit(text[i * 3]) << 4) | HexDigit(text[i * 3 + 1]));
            }

            return true;
        }

        /// <summary>The six octets at <paramref name="offset"/> as "C0:26:DA:01:02:03".</summary>
        public static string Format(byte[] octets, int offset)
        {
            var text = new char[Size * 3 - 1];
            for (int i = 0; i < Size; i++)
            {
                int b = octets[offset + i];
                text[i * 3] = "0123456789ABCDEF"[b >> 4];
                text[i * 3 + 1] = "0123456789ABCDEF"[b & 0x0F];
                if (i < Size - 1)
                {
                    text[i * 3 + 2] = ':';
                }
            }

            return new string(text);
        }

        private static int HexDigit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        }
    }
}
