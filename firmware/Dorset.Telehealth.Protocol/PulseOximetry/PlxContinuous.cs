using Dorset.Telehealth.Protocol.Numbers;

namespace Dorset.Telehealth.Protocol.PulseOximetry
{
    /// <summary>A PLX Continuous Measurement 0x2A5F (PLXS 1.0, 3.2): the normal values plus optional fast and slow ones.</summary>
    public sealed class PlxContinuous : PlxMeasurement
    {
        /// <summary>True when SpO2PR-Fast is present.</summary>
        public bool HasFast { get; set; }

        /// <summary>Fast-response SpO2 in percent.</summary>
        public MedicalFloat FastSpO2 { get; set; }

        /// <summary>Fast-response pulse rate.</summary>
        public MedicalFloat FastPulseRate { get; set; }

        /// <summary>True when SpO2PR-Slow is present.</summary>
        public bool HasSlow { get; set; }

        /// <summary>Slow-response SpO2 in percent.</summary>
        public MedicalFloat SlowSpO2 { get; set; }

        /// <summary>Slow-response pulse rate.</summary>
        public MedicalFloat SlowPulseRate { get; set; }
    }
}
