namespace Dorset.Telehealth.Protocol.Contract
{
    /// <summary>
    /// The one unit id rule of the unit, the gateway and the cloud: 1..64 of A-Z a-z 0-9 _ -. An id is an MQTT user
    /// name and topic level (so never '/', '+' or '#', which would let one unit's ACL reach another's topics) and it
    /// names folders and files (the emulator's state directory, the provisioning bundle's folder), so never '.':
    /// "." and ".." name directories. No id with a '.' was ever registered, because the gateway, where ids are
    /// created, never allowed one.
    /// </summary>
    public static class UnitIds
    {
        /// <summary>The longest unit id.</summary>
        public const int MaxLength = 64;

        /// <summary>The rule as the refusals state it.</summary>
        public const string Rule = "1..64 characters of A-Z a-z 0-9 _ -";

        /// <summary>True when <paramref name="id"/> is a valid unit id.</summary>
        public static bool IsValid(string id)
        {
            if (id == null || id.Length == 0 || id.Length > MaxLength)
            {
                return false;
            }

            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
