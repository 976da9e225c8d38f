namespace Dorset.Telehealth.Protocol.Checksums
{
    /// <summary>
    /// CRC-32 as in IEEE 802.3, zlib and PNG (reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF;
    /// check value of "123456789" is 0xCBF43926). Bitwise rather than table-driven: the home unit checks a few hundred
    /// bytes at a time and a 1 KB table would be a large share of its heap.
    /// </summary>
    public static class Crc32
    {
        private const uint Polynomial = 0xEDB88320;

        /// <summary>The CRC-32 of <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] buffer, int offset, int count)
        {
            uint crc = 0xFFFFFFFF;
            for (int i = offset; i < offset + count; i++)
            {
                crc ^= buffer[i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
                }
            }

            return ~crc;
        }
    }
}
