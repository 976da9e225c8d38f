using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.PulseOximetry;

namespace Dorset.Telehealth.HomeUnit.Sessions
{
    /// <summary>
    /// Turns PLX continuous samples (about one a second) into readings, one per stable window. The rule: a window is
    /// <see cref="WindowSize"/> consecutive samples, none marked not-patient-data and all numbers, whose SpO2 values lie
    /// within <see cref="MaxSpO2Spread"/> % and pulse rates within <see cref="MaxPulseSpread"/> /min of each other. A
    /// stable window yields one reading holding the window's median SpO2 and median pulse (each an actual sample value, so
    /// exact); then a new window starts. An unstable or invalid sample restarts the window from the next sample.
    /// </summary>
    public sealed class ContinuousOximetrySummary
    {
        /// <summary>Samples per window (odd, so that the median is a sample).</summary>
        public const int WindowSize = 15;

        /// <summary>Largest SpO2 spread, in percent, within a stable window.</summary>
        public const int MaxSpO2Spread = 2;

        /// <summary>Largest pulse spread, in beats per minute, within a stable window.</summary>
        public const int MaxPulseSpread = 10;

        private readonly MedicalFloat[] spo2 = new MedicalFloat[WindowSize];
        private readonly MedicalFloat[] pulse = new MedicalFloat[WindowSize];
        private int count;

        /// <summary>Adds a sample; returns the window's reading when it completes a stable window, else null.</summary>
        public PlxSpotCheck Add(PlxContinuous sample)
        {
            if (sample.IsNotPatientData || !sample.SpO2.IsNumber || !sample.PulseRate.IsNumber)
            {
                count = 0;
                return null;
            }

            spo2[count] = sample.SpO2;
            pulse[count] = sample.PulseRate;
            count++;
            if (!WithinSpread(spo2, MaxSpO2Spread) || !WithinSpread(pulse, MaxPulseSpread))
            {
                // Keep the newest sample: it may begin a stable window.
                spo2[0] = sample.SpO2;
                pulse[0] = sample.PulseRate;
                count = 1;
                return null;
            }

            if (count < WindowSize)
            {
                return null;
            }

            count = 0;
            var reading = new PlxSpotCheck();
            reading.SpO2 = Median(spo2);
            reading.PulseRate = Median(pulse);
            return reading;
        }

        private bool WithinSpread(MedicalFloat[] values, int spread)
        {
            double min = values[0].ToDouble();
            double max = min;
            for (int i = 1; i < count; i++)
            {
                double v = values[i].ToDouble();
                min = v < min ? v : min;
                max = v > max ? v : max;
            }

            return max - min <= spread;
        }

        private static MedicalFloat Median(MedicalFloat[] values)
        {
            var sorted = new MedicalFloat[values.Length];
            System.Array.Copy(values, sorted, values.Length);
            for (int i = 1; i < sorted.Length; i++)
            {
                MedicalFloat key = sorted[i];
                int j = i - 1;
                while (j >= 0 && sorted[j].ToDouble() > key.ToDouble())
                {
                    sorted[j + 1] = sorted[j];
                    j--;
                }

                sorted[j + 1] = key;
            }

            return sorted[sorted.Length / 2];
        }
    }
}
