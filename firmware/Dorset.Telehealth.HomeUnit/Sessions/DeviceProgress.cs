using Dorset.Telehealth.HomeUnit.Storage;

namespace Dorset.Telehealth.HomeUnit.Sessions
{
    /// <summary>
    /// The last record sequence fetched from each slot's device, on flash. It is advanced only after the reading is in
    /// the outbox: a power cut in between makes the unit fetch the record again, and the gateway drops the repeat.
    /// </summary>
    public sealed class DeviceProgress
    {
        /// <summary>The file name on flash.</summary>
        public const string FileName = "progress.bin";

        /// <summary>Slots 0..15.</summary>
        public const int Slots = 16;

        /// <summary>No record fetched yet from the slot's device.</summary>
        public const int None = -1;

        private readonly IFlashStorage storage;
        private readonly int[] lastSequence = new int[Slots];

        private DeviceProgress(IFlashStorage storage)
        {
            this.storage = storage;
        }

        /// <summary>Loads the progress (every slot <see cref="None"/> on first boot).</summary>
        public static DeviceProgress Load(IFlashStorage storage)
        {
            var progress = new DeviceProgress(storage);
            byte[] data = AtomicFile.Read(storage, FileName);
            for (int slot = 0; slot < Slots; slot++)
            {
                progress.lastSequence[slot] = data != null && data.Length >= (slot + 1) * 4
                    ? data[slot * 4] | (data[(slot * 4) + 1] << 8) | (data[(slot * 4) + 2] << 16) | (data[(slot * 4) + 3] << 24)
                    : None;
            }

            return progress;
        }

        /// <summary>The last sequence committed from the slot's device, or <see cref="None"/>.</summary>
        public int LastSequence(int slot)
        {
            return lastSequence[slot];
        }

        /// <summary>Records <paramref name="sequence"/> as the slot's last, durably.</summary>
        public void Set(int slot, int sequence)
        {
            lastSequence[slot] = sequence;
            var data = new byte[Slots * 4];
            for (int i = 0; i < Slots; i++)
            {
                data[i * 4] = (byte)lastSequence[i];
                data[(i * 4) + 1] = (byte)(lastSequence[i] >> 8);
                data[(i * 4) + 2] = (byte)(lastSequence[i] >> 16);
                data[(i * 4) + 3] = (byte)(lastSequence[i] >> 24);
            }

            AtomicFile.Replace(storage, FileName, data);
        }
    }
}
