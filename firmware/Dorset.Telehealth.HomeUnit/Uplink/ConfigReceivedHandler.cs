namespace Dorset.Telehealth.HomeUnit.Uplink
{
    /// <summary>Receives the unit's config document (JSON, UTF-8) from the retained config topic.</summary>
    public delegate void ConfigReceivedHandler(byte[] payload);
}
