using System.IO;
using Dorset.Telehealth.HomeUnit.Storage;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.HomeUnit.Esp32.Adapters
{
    /// <summary><see cref="IFlashStorage"/> on the ESP32's internal LittleFS, mounted as I:\. Every write is flushed before it returns.</summary>
    public sealed class LittleFsFlash : IFlashStorage
    {
        private const string Root = UnitFiles.FlashRoot;

        /// <inheritdoc/>
        public bool Exists(string name)
        {
            return File.Exists(Root + name);
        }

        /// <inheritdoc/>
        public byte[] ReadAll(string name)
        {
            return File.Exists(Root + name) ? File.ReadAllBytes(Root + name) : null;
        }

        /// <inheritdoc/>
        public void Append(string name, byte[] data, int offset, int count)
        {
            using (var stream = new FileStream(Root + name, FileMode.Append, FileAccess.Write))
            {
                stream.Write(data, offset, count);
                stream.Flush();
            }
        }

        /// <inheritdoc/>
        public void Write(string name, byte[] data)
        {
            using (var stream = new FileStream(Root + name, FileMode.Create, FileAccess.Write))
            {
                stream.Write(data, 0, data.Length);
                stream.Flush();
            }
        }

        /// <inheritdoc/>
        public void Delete(string name)
        {
            if (File.Exists(Root + name))
            {
                File.Delete(Root + name);
            }
        }

        /// <inheritdoc/>
        public void Move(string from, string to)
        {
            File.Move(Root + from, Root + to);
        }
    }
}
