namespace Dorset.Telehealth.HomeUnit.Storage
{
    /// <summary>
    /// Replaces a small file so that a power cut at any moment leaves either the old content or the new, never a mix.
    /// The new content is written to "name.new" first; only once it is durable is the old file deleted and the new one
    /// moved into place. LittleFS renames are atomic, but it cannot rename over an existing file, hence the delete.
    /// A first write creates an empty file first, so that "a pending file alone" always means a complete one.
    /// </summary>
    public static class AtomicFile
    {
        private const string PendingSuffix = ".new";

        /// <summary>Writes <paramref name="data"/> as the new content of <paramref name="name"/>.</summary>
        public static void Replace(IFlashStorage storage, string name, byte[] data)
        {
            string pending = name + PendingSuffix;
            if (!storage.Exists(name))
            {
                storage.Write(name, new byte[0]);
            }

            storage.Delete(pending);
            storage.Write(pending, data);
            storage.Delete(name);
            storage.Move(pending, name);
        }

        /// <summary>
        /// The current content of <paramref name="name"/>, or null when there is none (an empty file counts as none: it is
        /// what an interrupted first write leaves). Finishes or discards a replace
        /// that a power cut interrupted: a pending file next to the old one may be incomplete and is discarded; a
        /// pending file alone was complete (the old one is only deleted after it is durable) and is moved into place.
        /// </summary>
        public static byte[] Read(IFlashStorage storage, string name)
        {
            string pending = name + PendingSuffix;
            if (storage.Exists(pending))
            {
                if (storage.Exists(name))
                {
                    storage.Delete(pending);
                }
                else
                {
                    storage.Move(pending, name);
                }
            }

            byte[] data = storage.ReadAll(name);
            return data == null || data.Length == 0 ? null : data;
        }
    }
}
