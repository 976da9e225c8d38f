using System;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.Clinical.Readings;

/// <summary>
/// Whether a reading may raise a patient alert. Readings that are not the patient's, or whose value or time cannot be
/// trusted, are stored and shown as such and never alert (clinical.md, opening section; issue 10 §2): a control-solution
/// test of 2.1 mmol/L is not a hypo, and a reading whose time is unknown cannot be placed in a 3-day weight window.
/// </summary>
public static class AlertEligibility
{
    /// <summary>A device clock this far ahead of the hub's receipt is wrong, not early.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromHours(1);

    private static readonly string[] s_notPatientData =
    {
        ReadingFlagNames.ControlSolution, ReadingFlagNames.Demo, ReadingFlagNames.Testing, ReadingFlagNames.Invalid, ReadingFlagNames.Questionable,
        ReadingFlagNames.Implausible, ReadingFlagNames.OtherUser, ReadingFlagNames.ClockFault,
    };

    /// <summary>Null when the reading may alert; otherwise why not, e.g. "flagged control-solution".</summary>
    public static string? WhyNot(ClinicalReading reading)
    {
        foreach (string flag in s_notPatientData)
        {
            if (reading.Has(flag))
            {
                return "flagged " + flag;
            }
        }

        // A meter's HI or LO result comes without a usable number: it is the alert, not an error.
        if (reading.Has(ReadingFlagNames.ErrorRecord) && !reading.Has(ReadingFlagNames.High) && !reading.Has(ReadingFlagNames.Low))
        {
            return "flagged error-record";
        }

        if (!reading.ClockSynchronised)
        {
            return "clock fault: the unit's clock was not synchronised, so when it was taken is unknown";
        }

        if (reading.TakenUtc > reading.ReceivedUtc + FutureTolerance)
        {
            return "clock fault: taken after it was received";
        }

        return null;
    }
}
