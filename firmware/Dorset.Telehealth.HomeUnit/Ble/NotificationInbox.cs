using System.Collections;
using System.Threading;

namespace Dorset.Telehealth.HomeUnit.Ble
{
    /// <summary>
    /// Queues the values a peripheral notifies or indicates, so that a session can take them one at a time on its own
    /// thread, in arrival order, waiting at most a timeout. The BLE stack calls <see cref="Receive"/> on its thread.
    /// </summary>
    public sealed class NotificationInbox
    {
        private readonly Queue values = new Queue();
        private readonly AutoResetEvent arrived = new AutoResetEvent(false);

        /// <summary>The handler to subscribe with.</summary>
        public void Receive(ushort characteristic, byte[] value)
        {
            lock (values)
            {
                values.Enqueue(new Notification(characteristic, value));
            }

            arrived.Set();
        }

        /// <summary>The oldest waiting value, or null when none arrives within <paramref name="timeoutMilliseconds"/>.</summary>
        public Notification Take(int timeoutMilliseconds)
        {
            while (true)
            {
                lock (values)
                {
                    if (values.Count > 0)
                    {
                        return (Notification)values.Dequeue();
                    }
                }

                if (!arrived.WaitOne(timeoutMilliseconds, false))
                {
                    return null;
                }
            }
        }
    }
}
