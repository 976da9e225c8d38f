namespace Dorset.Telehealth.HomeUnit.Ble
{
    /// <summary>Receives one advertisement seen while scanning.</summary>
    public delegate void AdvertisementHandler(BleAdvertisement advertisement);
}
