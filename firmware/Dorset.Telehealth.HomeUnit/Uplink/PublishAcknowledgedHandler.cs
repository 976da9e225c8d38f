namespace Dorset.Telehealth.HomeUnit.Uplink
{
    /// <summary>Receives the id of a QoS 1 publish the broker acknowledged.</summary>
    public delegate void PublishAcknowledgedHandler(int messageId);
}
