using System.Text;
using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.DeviceInformation
{
    /// <summary>
    /// The UTF-8 strings of the Device Information Service (manufacturer 0x2A29, model 0x2A24, serial 0x2A25, hardware
    /// 0x2A27, firmware 0x2A26, software 0x2A28 revisions). Some devices pad with NULs; the text ends at the first one.
    /// </summary>
    public static class DeviceInformationString
    {
        /// <summary>The longest string kept; longer values are malformed rather than a heap risk on the unit.</summary>
        public const int MaxBytes = 64;

        /// <summary>Decodes a string.</summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, out string text, out DecodeFailure failure)
        {
            text = null;
            failure = null;
            if (count > MaxBytes)
            {
                failure = new DecodeFailure(DecodeStatus.TooLong, "text", "text is at most " + MaxBytes + " bytes, got " + count);
                return false;
            }

            int length = 0;
            while (length < count && buffer[offset + length] != 0)
            {
                length++;
            }

            // .NET substitutes U+FFFD for invalid UTF-8; nanoFramework's decoder throws instead, so both are covered.
            try
            {
                text = new string(Encoding.UTF8.GetChars(buffer, offset, length));
                return true;
            }
            catch (System.Exception)
            {
                failure = new DecodeFailure(DecodeStatus.OutOfRange, "text", "text is not valid UTF-8");
                return false;
            }
        }

        /// <summary>The UTF-8 bytes of <paramref name="text"/>.</summary>
        public static byte[] Encode(string text)
        {
            return Encoding.UTF8.GetBytes(text);
        }
    }
}
