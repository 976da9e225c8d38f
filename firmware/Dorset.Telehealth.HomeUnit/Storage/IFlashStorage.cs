namespace Dorset.Telehealth.HomeUnit.Storage
{
    /// <summary>
    /// The unit's flash file system (LittleFS on the ESP32, a directory in the emulator). Every write returns only
    /// once the bytes are durable, so a caller may treat a returned call as committed. A power cut during a call may
    /// leave any prefix of the written bytes: the callers (<see cref="AtomicFile"/>, the outbox) are built to recover
    /// from exactly that.
    /// </summary>
    public interface IFlashStorage
    {
        /// <summary>True when the file exists.</summary>
        bool Exists(string name);

        /// <summary>The whole file, or null when it does not exist.</summary>
        byte[] ReadAll(string name);

        /// <summary>Appends bytes to the end of the file (creating it) and flushes them.</summary>
        void Append(string name, byte[] data, int offset, int count);

        /// <summary>Creates or overwrites the file with <paramref name="data"/> and flushes it. Not atomic.</summary>
        void Write(string name, byte[] data);

        /// <summary>Deletes the file if it exists.</summary>
        void Delete(string name);

        /// <summary>Renames <paramref name="from"/> to <paramref name="to"/>; <paramref name="to"/> must not exist.</summary>
        void Move(string from, string to);
    }
}
