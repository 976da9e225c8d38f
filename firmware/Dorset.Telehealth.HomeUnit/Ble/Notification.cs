namespace Dorset.Telehealth.HomeUnit.Ble
{
    /// <summary>One notified or indicated value.</summary>
    public sealed class Notification
    {
        /// <summary>Creates a notification.</summary>
        public Notification(ushort characteristic, byte[] value)
        {
            Characteristic = characteristic;
            Value = value;
        }

        /// <summary>The characteristic's 16-bit UUID.</summary>
        public ushort Characteristic { get; private set; }

        /// <summary>The value's bytes.</summary>
        public byte[] Value { get; private set; }
    }
}
