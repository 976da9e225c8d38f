namespace Dorset.Telehealth.Protocol.Contract
{
    /// <summary>
    /// The flags a stored reading carries to the cloud (cloud/README.md "flags"), in the contract's canonical order:
    /// the gateway derives them from the status bits the unit sends (and adds its own two), the cloud accepts exactly
    /// these.
    /// </summary>
    public static class ReadingFlagNames
    {
        /// <summary>A control-solution test, not the patient (GLS type 10 or location 4).</summary>
        public const string ControlSolution = "control-solution";

        /// <summary>The device marked the measurement invalid.</summary>
        public const string Invalid = "invalid";

        /// <summary>The device marked the measurement questionable.</summary>
        public const string Questionable = "questionable";

        /// <summary>Demonstration data (PLX status b10).</summary>
        public const string Demo = "demo";

        /// <summary>Device under test or calibration (PLX status b11, b12).</summary>
        public const string Testing = "testing";

        /// <summary>HI: above what the device can measure (GLS sensor status b5).</summary>
        public const string High = "high";

        /// <summary>LO: below what the device can measure (GLS sensor status b6).</summary>
        public const string Low = "low";

        /// <summary>The device reported an error instead of a value.</summary>
        public const string ErrorRecord = "error-record";

        /// <summary>The gateway's plausibility rules flagged it.</summary>
        public const string Implausible = "implausible";

        /// <summary>A weight from another user of a shared scale: never attributed to the unit's patient.</summary>
        public const string OtherUser = "other-user";

        /// <summary>
        /// The device sent a time that is no valid date or time: the value is kept, timed by its receipt, never alerted on
        /// (when it was taken is not known).
        /// </summary>
        public const string ClockFault = "clock-fault";

        /// <summary>Every flag in canonical order (a new flag goes last, so the cloud's stored content hashes keep).</summary>
        public static readonly string[] All = { ControlSolution, Invalid, Questionable, Demo, Testing, High, Low, ErrorRecord, Implausible, OtherUser, ClockFault };
    }
}
