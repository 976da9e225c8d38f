using Dorset.Telehealth.HomeUnit.Outbox;

namespace Dorset.Telehealth.HomeUnit.Readings
{
    /// <summary>Where sessions put readings: the outbox, through the uplink encoding. Returns what the outbox did.</summary>
    public interface IReadingSink
    {
        /// <summary>Commits a reading durably, or says why not.</summary>
        OutboxAppendResult Commit(DeviceReading reading);
    }
}
