namespace Dorset.Telehealth.Protocol.Glucose
{
    /// <summary>Glucose sample type and location codes (GLS 1.0, 3.106.2.1-2) that the unit acts on.</summary>
    public static class GlucoseSampleTypes
    {
        /// <summary>Type 10: control solution, a meter check, not the patient's blood.</summary>
        public const int ControlSolution = 10;

        /// <summary>Location 4: control solution.</summary>
        public const int LocationControlSolution = 4;

        /// <summary>Location 15: not available.</summary>
        public const int LocationNotAvailable = 15;
    }
}
