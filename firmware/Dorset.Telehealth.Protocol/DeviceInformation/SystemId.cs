using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.DeviceInformation
{
    /// <summary>System ID 0x2A23 (DIS 1.1, 3.1): a 40-bit manufacturer-defined identifier and a 24-bit OUI, little-endian.</summary>
    public sealed class SystemId
    {
        /// <summary>The bytes of the characteristic.</summary>
        public const int Size = 8;

        /// <summary>Manufacturer-defined identifier (40 bits).</summary>
        public long ManufacturerIdentifier { get; set; }

        /// <summary>Organizationally unique identifier (24 bits).</summary>
        public int OrganizationallyUniqueIdentifier { get; set; }

        /// <summary>Decodes the eight bytes.</summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, out SystemId systemId, out DecodeFailure failure)
        {
            systemId = null;
            var reader = new GattReader(buffer, offset, count);
            if (!reader.Require(Size, "systemId", out failure))
            {
                return false;
            }

            long low = reader.ReadUInt32();
            long high = reader.ReadUInt8();
            var result = new SystemId();
            result.ManufacturerIdentifier = low | (high << 32);
            result.OrganizationallyUniqueIdentifier = reader.ReadUInt24();
            systemId = result;
            return true;
        }

        /// <summary>The eight bytes.</summary>
        public byte[] Encode()
        {
            var writer = new GattWriter(Size);
            writer.WriteUInt32((uint)(ManufacturerIdentifier & 0xFFFFFFFF));
            writer.WriteUInt8((int)((ManufacturerIdentifier >> 32) & 0xFF));
            writer.WriteUInt24(OrganizationallyUniqueIdentifier);
            return writer.ToArray();
        }
    }
}
