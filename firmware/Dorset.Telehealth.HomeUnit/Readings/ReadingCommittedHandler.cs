namespace Dorset.Telehealth.HomeUnit.Readings
{
    /// <summary>Told when a reading is safely in the outbox, with its outbox sequence.</summary>
    public delegate void ReadingCommittedHandler(DeviceReading reading, uint outboxSequence);
}
