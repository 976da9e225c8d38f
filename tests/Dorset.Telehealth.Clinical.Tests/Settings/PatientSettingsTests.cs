using System;
using System.Collections.Generic;
using Dorset.Telehealth.Clinical.Settings;
using static Dorset.Telehealth.Clinical.Tests.Fakes.Readings;

namespace Dorset.Telehealth.Clinical.Tests.Settings;

public sealed class PatientSettingsTests
{
    /// <summary><paramref name="settings"/> with the setting named <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public static PatientSettings With(PatientSettings settings, string name, string value) => name switch
    {
        nameof(PatientSettings.Spo2Scale) => settings with { Spo2Scale = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
        nameof(PatientSettings.Spo2UrgentAtOrBelow) => settings with { Spo2UrgentAtOrBelow = Dec(value) },
        nameof(PatientSettings.Spo2AmberAtOrBelow) => settings with { Spo2AmberAtOrBelow = Dec(value) },
        nameof(PatientSettings.GlucoseVeryLowBelow) => settings with { GlucoseVeryLowBelow = Dec(value) },
        nameof(PatientSettings.GlucoseLowBelow) => settings with { GlucoseLowBelow = Dec(value) },
        nameof(PatientSettings.GlucoseHighAbove) => settings with { GlucoseHighAbove = Dec(value) },
        nameof(PatientSettings.GlucoseVeryHighAbove) => settings with { GlucoseVeryHighAbove = Dec(value) },
        nameof(PatientSettings.GlucosePreMealAbove) => settings with { GlucosePreMealAbove = Dec(value) },
        nameof(PatientSettings.GlucosePostMealAbove) => settings with { GlucosePostMealAbove = Dec(value) },
        nameof(PatientSettings.WeightGainKg) => settings with { WeightGainKg = Dec(value) },
        nameof(PatientSettings.WeightGainDays) => settings with { WeightGainDays = Int(value) },
        nameof(PatientSettings.News2WindowMinutes) => settings with { News2WindowMinutes = Int(value) },
        nameof(PatientSettings.LateAfterMinutes) => settings with { LateAfterMinutes = Int(value) },
        nameof(PatientSettings.DeviceScheduleHours) => settings with { DeviceScheduleHours = Int(value) },
        nameof(PatientSettings.DeviceScheduleHoursByKind) => settings with { DeviceScheduleHoursByKind = new Dictionary<string, int> { ["weight-scale"] = Int(value) } },
        nameof(PatientSettings.UnitOfflineMinutes) => settings with { UnitOfflineMinutes = Int(value) },
        nameof(PatientSettings.BatteryLowAtOrBelow) => settings with { BatteryLowAtOrBelow = Int(value) },
        _ => throw new ArgumentException("no such setting: " + name, nameof(name)),
    };

    private static int Int(string value) => int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Validate_Defaults_AreValid()
    {
        Assert.Null(PatientSettings.Default.Validate());
    }

    [Theory]
    [InlineData(nameof(PatientSettings.Spo2Scale), "0", "spo2Scale")]
    [InlineData(nameof(PatientSettings.Spo2Scale), "3", "spo2Scale")]
    [InlineData(nameof(PatientSettings.Spo2UrgentAtOrBelow), "49", "spo2UrgentAtOrBelow")]
    [InlineData(nameof(PatientSettings.Spo2UrgentAtOrBelow), "100.1", "spo2UrgentAtOrBelow")]
    [InlineData(nameof(PatientSettings.Spo2AmberAtOrBelow), "91", "spo2AmberAtOrBelow")]
    [InlineData(nameof(PatientSettings.Spo2AmberAtOrBelow), "101", "spo2AmberAtOrBelow")]
    [InlineData(nameof(PatientSettings.GlucoseVeryLowBelow), "0.9", "glucoseVeryLowBelow")]
    [InlineData(nameof(PatientSettings.GlucoseLowBelow), "2.9", "glucoseLowBelow")]
    [InlineData(nameof(PatientSettings.GlucoseLowBelow), "10.1", "glucoseLowBelow")]
    [InlineData(nameof(PatientSettings.GlucoseHighAbove), "3.9", "glucoseHighAbove")]
    [InlineData(nameof(PatientSettings.GlucoseVeryHighAbove), "14.9", "glucoseVeryHighAbove")]
    [InlineData(nameof(PatientSettings.GlucoseVeryHighAbove), "40.1", "glucoseVeryHighAbove")]
    [InlineData(nameof(PatientSettings.GlucosePreMealAbove), "3.9", "glucosePreMealAbove")]
    [InlineData(nameof(PatientSettings.GlucosePostMealAbove), "40.1", "glucosePostMealAbove")]
    [InlineData(nameof(PatientSettings.WeightGainKg), "0", "weightGainKg")]
    [InlineData(nameof(PatientSettings.WeightGainKg), "20.1", "weightGainKg")]
    [InlineData(nameof(PatientSettings.WeightGainDays), "0", "weightGainDays")]
    [InlineData(nameof(PatientSettings.WeightGainDays), "15", "weightGainDays")]
    [InlineData(nameof(PatientSettings.News2WindowMinutes), "0", "news2WindowMinutes")]
    [InlineData(nameof(PatientSettings.News2WindowMinutes), "1441", "news2WindowMinutes")]
    [InlineData(nameof(PatientSettings.LateAfterMinutes), "0", "lateAfterMinutes")]
    [InlineData(nameof(PatientSettings.DeviceScheduleHours), "0", "deviceScheduleHours")]
    [InlineData(nameof(PatientSettings.DeviceScheduleHours), "721", "deviceScheduleHours")]
    [InlineData(nameof(PatientSettings.DeviceScheduleHoursByKind), "0", "deviceScheduleHours")]
    [InlineData(nameof(PatientSettings.UnitOfflineMinutes), "0", "unitOfflineMinutes")]
    [InlineData(nameof(PatientSettings.UnitOfflineMinutes), "10081", "unitOfflineMinutes")]
    [InlineData(nameof(PatientSettings.BatteryLowAtOrBelow), "-1", "batteryLowAtOrBelow")]
    [InlineData(nameof(PatientSettings.BatteryLowAtOrBelow), "101", "batteryLowAtOrBelow")]
    public void Validate_OutOfRange_NamesTheSetting(string setting, string value, string named)
    {
        string? problem = With(PatientSettings.Default, setting, value).Validate();

        Assert.NotNull(problem);
        Assert.StartsWith(named + " ", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(PatientSettings.Spo2Scale), "2")]
    [InlineData(nameof(PatientSettings.Spo2UrgentAtOrBelow), "94")]
    [InlineData(nameof(PatientSettings.Spo2AmberAtOrBelow), "92")]
    [InlineData(nameof(PatientSettings.GlucoseLowBelow), "3.0")]
    [InlineData(nameof(PatientSettings.WeightGainKg), "0.1")]
    [InlineData(nameof(PatientSettings.WeightGainDays), "14")]
    [InlineData(nameof(PatientSettings.News2WindowMinutes), "1440")]
    [InlineData(nameof(PatientSettings.DeviceScheduleHours), "720")]
    [InlineData(nameof(PatientSettings.BatteryLowAtOrBelow), "0")]
    public void Validate_AtTheEdgeOfItsRange_IsValid(string setting, string value)
    {
        Assert.Null(With(PatientSettings.Default, setting, value).Validate());
    }

    [Fact]
    public void With_Override_LeavesTheDefaultsUntouched()
    {
        var patient = PatientSettings.Default with { Spo2UrgentAtOrBelow = 88m };

        Assert.Equal(88m, patient.Spo2UrgentAtOrBelow);
        Assert.Equal(92m, PatientSettings.Default.Spo2UrgentAtOrBelow);
    }
}
