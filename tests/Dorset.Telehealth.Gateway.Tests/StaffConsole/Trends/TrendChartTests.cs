using System;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Scoring;
using Dorset.Telehealth.Clinical.Settings;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.StaffConsole.Trends;
using static Dorset.Telehealth.Gateway.Tests.Fakes.ClinicalReadings;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole.Trends;

/// <summary>A trend and its SVG: what is charted, the bands from the patient's settings, alert marks, UK dates, the text alternative.</summary>
public sealed class TrendChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly TrendDefinition GlucoseChart = TrendDefinitions.All.Single(d => d.Id == "glucose");
    private static readonly TrendDefinition PulseChart = TrendDefinitions.All.Single(d => d.Id == "pulse");

    private static DateTimeOffset DaysAgo(double days) => Now - TimeSpan.FromDays(days);

    private static AlertRecord AlertCiting(string level, string ruleId, ClinicalReading reading, string valueName) => new(
        "a-" + reading.Key, 1, ruleId, 1, "", level, AlertRecord.Open, "unit-a", "case-17", "summary", reading.TakenUtc, reading.TakenUtc, 1, null,
        new[] { new AlertEvidence(long.Parse(reading.Key, CultureInfo.InvariantCulture), null, valueName, "2.9", "mmol/L", reading.TakenUtc) },
        null, null, reading.TakenUtc, reading.TakenUtc, null, null, null);

    private static Trend Week(TrendDefinition definition, PatientSettings settings, AlertMarks marks, params ClinicalReading[] readings) =>
        Trend.Of(definition, readings, Now - TimeSpan.FromDays(7), Now, settings, marks);

    [Fact]
    public void Of_ReadingsThatNeverAlert_AreOffTheLine_AndInTheTableWithTheReason()
    {
        var control = Glucose("2.1", DaysAgo(3)).Flagged("control-solution");
        var patient = Glucose("6.2", DaysAgo(2));
        var newest = Glucose("7.1", DaysAgo(1));

        Trend trend = Week(GlucoseChart, PatientSettings.Default, new AlertMarks(Array.Empty<AlertRecord>()), newest, control, patient);

        Assert.Equal(new[] { 6.2m, 7.1m }, trend.Series.Single().Points.Select(p => p.Value));
        Assert.Equal(new[] { newest.TakenUtc, patient.TakenUtc, control.TakenUtc }, trend.Rows.Select(r => r.TakenUtc));
        Assert.Equal("flagged control-solution", trend.Rows[2].NotCharted);
        Assert.Contains("[control-solution]", trend.Rows[2].Values, StringComparison.Ordinal);
        Assert.Equal(1, trend.NotCharted);
        Assert.Contains("1 not charted", TrendChart.Summary(trend, 7), StringComparison.Ordinal);
    }

    [Fact]
    public void Of_OnlyTheWindow_AndMilligramsChartedAsMillimoles_WithTheDigitsSentInTheTable()
    {
        var old = Glucose("5.0", DaysAgo(8));
        var mg = Glucose("130", DaysAgo(1), "mg/dL");

        Trend trend = Week(GlucoseChart, PatientSettings.Default, new AlertMarks(Array.Empty<AlertRecord>()), old, mg);

        Assert.Equal(7.215m, trend.Series.Single().Points.Single().Value);
        Assert.Equal("glucose 7.215 mmol/L (sent as 130 mg/dL)", trend.Rows.Single().Values);
    }

    [Fact]
    public void Svg_BandsComeFromThePatientsSettings_WithTheirWords()
    {
        var settings = PatientSettings.Default with { GlucoseLowBelow = 4.5m, GlucoseHighAbove = 13.0m };
        Trend trend = Week(GlucoseChart, settings, new AlertMarks(Array.Empty<AlertRecord>()), Glucose("6.0", DaysAgo(2)), Glucose("7.0", DaysAgo(1)));

        XElement svg = XElement.Parse(TrendChart.Svg(trend, 7));

        var bands = svg.Elements(Svg + "rect").Where(r => ((string?)r.Attribute("class"))?.StartsWith("band ", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(new[] { "band band-red-urgent", "band band-red", "band band-amber", "band band-red" }, bands.Select(b => (string)b.Attribute("class")!));
        Assert.Equal(new[] { "red-urgent below 3.0 mmol/L", "red below 4.5 mmol/L", "amber above 13.0 mmol/L", "red above 20.0 mmol/L" },
            bands.Select(b => b.Element(Svg + "title")!.Value));
        // The red band runs from 3.0 to 4.5 mmol/L: its height is 1.5 units of the axis, the amber band's (13 to 20) 7.
        double red = double.Parse((string)bands[1].Attribute("height")!, CultureInfo.InvariantCulture);
        double amber = double.Parse((string)bands[2].Attribute("height")!, CultureInfo.InvariantCulture);
        Assert.Equal(7 / 1.5, amber / red, 1);
    }

    [Fact]
    public void Svg_IsAnImageWithASummary_AndMarksTheValuesAnAlertCites()
    {
        var hypo = Glucose("2.9", DaysAgo(3));
        var normal = Glucose("6.2", DaysAgo(2));
        var newest = Glucose("7.1", DaysAgo(1));
        var marks = new AlertMarks(new[] { AlertCiting("red-urgent", "glucose-low", hypo, "glucose") });
        Trend trend = Week(GlucoseChart, PatientSettings.Default, marks, hypo, normal, newest);

        XElement svg = XElement.Parse(TrendChart.Svg(trend, 7));

        Assert.Equal("img", (string?)svg.Attribute("role"));
        string summary = (string)svg.Attribute("aria-label")!;
        Assert.Equal("Glucose over the last 7 days: 3 glucose readings charted, 2.9 to 7.1 mmol/L, newest 7.1 mmol/L on Mon 23 Nov 09:00; 1 in alerts.", summary);
        Assert.Equal(summary, svg.Element(Svg + "title")!.Value);
        var mark = Assert.Single(svg.Elements(Svg + "path"));
        Assert.Equal("mark level-red-urgent", (string?)mark.Attribute("class"));
        Assert.Equal("Sat 21 Nov 09:00: glucose 2.9 mmol/L, red-urgent alert", mark.Element(Svg + "title")!.Value);
        Assert.Equal(2, svg.Elements(Svg + "circle").Count());
        Assert.Equal("red-urgent (glucose-low)", trend.Rows.Single(r => r.TakenUtc == hypo.TakenUtc).Alert);
    }

    [Fact]
    public void Svg_ManyPoints_DrawTheLineWithoutDots_ButKeepEveryAlertMark()
    {
        var readings = Enumerable.Range(0, 200).Select(i => Glucose(i == 50 ? "2.9" : "6.0", Now - TimeSpan.FromHours(i * 0.8))).ToList();
        var marks = new AlertMarks(new[] { AlertCiting("red-urgent", "glucose-low", readings[50], "glucose") });
        Trend trend = Week(GlucoseChart, PatientSettings.Default, marks, readings.ToArray());

        XElement svg = XElement.Parse(TrendChart.Svg(trend, 7));

        Assert.Empty(svg.Elements(Svg + "circle"));
        Assert.Single(svg.Elements(Svg + "path"));
        Assert.Equal(200, ((string)svg.Element(Svg + "polyline")!.Attribute("points")!).Split(' ').Length);
    }

    [Fact]
    public void Marks_AnSpo2AlertMarksTheSpo2_NotThePulseOfTheSameReading()
    {
        var reading = Oximetry("91", "72", DaysAgo(1));
        var marks = new AlertMarks(new[] { AlertCiting("red-urgent", "home-oximetry-spo2", reading, ReadingKinds.Spo2) });

        Assert.Equal("red-urgent", marks.Level(reading, ReadingKinds.Spo2));
        Assert.Null(marks.Level(reading, ReadingKinds.Pulse));
    }

    [Fact]
    public void Marks_APartialNews2MarksTheParametersThatScored_NotThoseItUsedAtZero()
    {
        var reading = Oximetry("91", "72", DaysAgo(1));
        long id = long.Parse(reading.Key, CultureInfo.InvariantCulture);
        var news2 = AlertCiting("red", "news2-partial", reading, ReadingKinds.Spo2) with
        {
            Evidence = new[] { new AlertEvidence(id, null, "spo2", "91", "%", reading.TakenUtc), new AlertEvidence(id, null, "pulse", "72", "/min", reading.TakenUtc) },
            Score = new AlertScore(true, 3, 1, "urgent", new[]
            {
                new AlertScoreParameter("spo2", 3, "91", "%", id, null, 0), new AlertScoreParameter("pulse", 0, "72", "/min", id, null, 0),
            }),
        };

        var marks = new AlertMarks(new[] { news2 });

        Assert.Equal("red", marks.Level(reading, ReadingKinds.Spo2));
        Assert.Null(marks.Level(reading, ReadingKinds.Pulse));
    }

    [Fact]
    public void Svg_DatesAreUkMidnights_LabelledInUkTime()
    {
        // A week ending Tuesday 24 November 09:00: midnights of Wednesday 18 to Tuesday 24.
        Trend trend = Week(GlucoseChart, PatientSettings.Default, new AlertMarks(Array.Empty<AlertRecord>()), Glucose("6.0", DaysAgo(2)));

        XElement svg = XElement.Parse(TrendChart.Svg(trend, 7));

        var labels = svg.Elements(Svg + "text").Where(t => (string?)t.Attribute("text-anchor") == "middle").Select(t => t.Value).ToList();
        Assert.Equal(new[] { "Wed 18", "Thu 19", "Fri 20", "Sat 21", "Sun 22", "Mon 23", "Tue 24" }, labels);
    }

    [Fact]
    public void Svg_AcrossTheOctoberClockChange_TheDayLineIsAtUkMidnight()
    {
        // Sunday 25 October 2026 begins at 23:00 UTC on the 24th (still BST); Monday 26 at 00:00 UTC (GMT).
        DateTimeOffset from = new(2026, 10, 24, 11, 0, 0, TimeSpan.Zero), to = new(2026, 10, 26, 11, 0, 0, TimeSpan.Zero);
        var trend = Trend.Of(GlucoseChart, new[] { Glucose("6.0", from.AddHours(5)) }, from, to, PatientSettings.Default, new AlertMarks(Array.Empty<AlertRecord>()));

        XElement svg = XElement.Parse(TrendChart.Svg(trend, 2));

        var labels = svg.Elements(Svg + "text").Where(t => (string?)t.Attribute("text-anchor") == "middle").ToList();
        Assert.Equal(new[] { "Sun 25", "Mon 26" }, labels.Select(l => l.Value));
        double X(DateTimeOffset t) => 48 + ((TrendChart.Width - 56) * (t - from).TotalSeconds / (to - from).TotalSeconds);
        Assert.Equal(X(new DateTimeOffset(2026, 10, 24, 23, 0, 0, TimeSpan.Zero)), double.Parse((string)labels[0].Attribute("x")!, CultureInfo.InvariantCulture), 0);
        Assert.Equal(X(new DateTimeOffset(2026, 10, 26, 0, 0, 0, TimeSpan.Zero)), double.Parse((string)labels[1].Attribute("x")!, CultureInfo.InvariantCulture), 0);
    }

    [Fact]
    public void Pulse_ComesFromTheOximeterAndTheCuff()
    {
        var cuff = Make(ReadingKinds.BloodPressure, DaysAgo(2), new MeasuredValue(ReadingKinds.Systolic, 130m, "mmHg"), new MeasuredValue(ReadingKinds.Pulse, 66m, "/min"));
        var cuffWithoutPulse = Make(ReadingKinds.BloodPressure, DaysAgo(1.5), new MeasuredValue(ReadingKinds.Systolic, 128m, "mmHg"));
        var oximeter = Oximetry("97", "72", DaysAgo(1));

        Trend trend = Week(PulseChart, PatientSettings.Default, new AlertMarks(Array.Empty<AlertRecord>()), cuff, cuffWithoutPulse, oximeter);

        Assert.Equal(new[] { 66m, 72m }, trend.Series.Single().Points.Select(p => p.Value));
        Assert.Equal(new[] { "pulse 72 bpm (pulse-oximetry)", "pulse 66 bpm (blood-pressure)" }, trend.Rows.Select(r => r.Values));
    }

    [Theory]
    [InlineData("pulse")]
    [InlineData("blood-pressure")]
    public void News2Bands_AreWhereTheParameterScores3(string chart)
    {
        TrendBand[] bands = TrendDefinitions.All.Single(d => d.Id == chart).Bands(PatientSettings.Default).ToArray();
        Func<decimal, int> score = chart == "pulse" ? News2Scoring.Pulse : News2Scoring.Systolic;

        Assert.Equal(3, score(bands[0].To!.Value));
        Assert.True(score(bands[0].To!.Value + 1) < 3);
        Assert.Equal(3, score(bands[1].From!.Value));
        Assert.True(score(bands[1].From!.Value - 1) < 3);
    }
}
