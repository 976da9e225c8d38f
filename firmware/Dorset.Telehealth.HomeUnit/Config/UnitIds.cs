namespace Dorset.Telehealth.HomeUnit.Config
{
    /// <summary>The unit id rule shared with the gateway and the cloud: 1..64 of A-Z a-z 0-9 . _ -.</summary>
    public static class UnitIds
    {
        /// <summary>True when <paramref name="id"/> is a valid unit id.</summary>
        public static bool IsValid(string id)
        {
            if (id == null || id.Length == 0 || id.Length > 64)
            {
                return false;
            }

            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
