namespace Dorset.Telehealth.HomeUnit.Ble
{
    /// <summary>Receives a notification or indication of a subscribed characteristic.</summary>
    public delegate void CharacteristicValueHandler(ushort characteristic, byte[] value);
}
