using System;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Protocol.Uplink
{
    /// <summary>
    /// One reading in an uplink frame: where it came from, its times, its exact values in the kind's fixed units, and
    /// the status bits a clinician needs. <see cref="Values"/> holds, by kind: glucose [concentration]; pulse oximetry
    /// [SpO2, pulse]; weight [weight]; blood pressure [systolic, diastolic, mean arterial] plus [pulse] when measured.
    /// </summary>
    public sealed class UplinkReading
    {
        /// <summary>No device sequence.</summary>
        public const int NoSequence = -1;

        /// <summary>What it measures.</summary>
        public ReadingKind Kind { get; set; }

        /// <summary>The paired-device slot, 0..15.</summary>
        public int Slot { get; set; }

        /// <summary>
        /// The measuring device's Bluetooth address ("C0:26:DA:01:02:03"), the device the slot held when the reading was
        /// taken; null in a v1 frame, whose readings name only the slot.
        /// </summary>
        public string DeviceAddress { get; set; }

        /// <summary>True when <see cref="DeviceAddress"/> is a random (not public) address: how the unit dialled it.</summary>
        public bool RandomAddress { get; set; }

        /// <summary>The device's record number, 0..65535, or <see cref="NoSequence"/>.</summary>
        public int DeviceSequence { get; set; }

        /// <summary>The device's own time (civil time, no zone), or null.</summary>
        public DeviceTime DeviceTime { get; set; }

        /// <summary>
        /// v2: true when the device sent a time that is no valid date or time (a reserved year, a 13th month): the value
        /// is kept, <see cref="DeviceTime"/> is null, and the gateway times the reading by its receipt and flags it.
        /// </summary>
        public bool DeviceTimeInvalid { get; set; }

        /// <summary>When the unit received it, UTC, to the second.</summary>
        public DateTime ReceivedAt { get; set; }

        /// <summary>True when the unit clock was synchronised when it received the reading.</summary>
        public bool ClockSynchronised { get; set; }

        /// <summary>True for the kind's alternate unit: mmol/L, lb or kPa.</summary>
        public bool AlternateUnit { get; set; }

        /// <summary>The exact values, in the order the kind defines.</summary>
        public MedicalFloat[] Values { get; set; }

        /// <summary>Glucose only: the sample type nibble (10 = control solution).</summary>
        public int GlucoseType { get; set; }

        /// <summary>Glucose only: the sample location nibble.</summary>
        public int GlucoseLocation { get; set; }

        /// <summary>
        /// Glucose only, v2: the meter's Glucose Measurement Context for this record (meal, tester, health, exercise,
        /// medication, carbohydrate, HbA1c, codes as sent), or null when the meter sent none.
        /// </summary>
        public GlucoseContext Context { get; set; }

        /// <summary>True when <see cref="Status"/> (and for oximetry <see cref="DeviceStatus"/>) are present.</summary>
        public bool HasStatus { get; set; }

        /// <summary>The kind's status bits as the device sent them: glucose sensor status, PLX measurement status, BP measurement status.</summary>
        public int Status { get; set; }

        /// <summary>Pulse oximetry only: PLX device and sensor status.</summary>
        public int DeviceStatus { get; set; }

        /// <summary>True when <see cref="UserId"/> is present (weight).</summary>
        public bool HasUserId { get; set; }

        /// <summary>Weight only: the scale's user index, so a shared scale's other users are not attributed to the patient.</summary>
        public int UserId { get; set; }
    }
}
