namespace Dorset.Telehealth.HomeUnit.Ble
{
    /// <summary>
    /// How a peripheral's Bluetooth address is to be dialled. A device with a static random address is never reached
    /// by dialling it as public, so the type travels with the address from the advertisement to the connect.
    /// </summary>
    public enum BleAddressType
    {
        /// <summary>An IEEE-assigned address.</summary>
        Public,

        /// <summary>A random (static) address the device chose itself.</summary>
        Random,
    }
}
