namespace Dorset.Telehealth.HomeUnit.Indicators
{
    /// <summary>
    /// What the status LED tells the patient (colour and pattern in hardware/README.md "Status LED"). Listed in order
    /// of precedence: the unit shows the first that applies.
    /// </summary>
    public enum LedState
    {
        /// <summary>Config or storage unusable: solid red. The patient calls the hub.</summary>
        Fault,

        /// <summary>Booting: white, breathing.</summary>
        Starting,

        /// <summary>No home Wi-Fi: amber, slow blink (1 s on, 1 s off).</summary>
        NoWifi,

        /// <summary>Wi-Fi but no hub: amber, double blink every 2 s.</summary>
        NoHub,

        /// <summary>A reading was just stored: green, three quick flashes.</summary>
        ReadingReceived,

        /// <summary>Readings waiting to be sent for over an hour: blue, slow blink.</summary>
        Backlog,

        /// <summary>Connected and nothing waiting: green, solid (dimmed at night).</summary>
        AllGood,
    }
}
