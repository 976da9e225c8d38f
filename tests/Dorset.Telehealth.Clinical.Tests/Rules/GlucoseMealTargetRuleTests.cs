using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Rules;
using Dorset.Telehealth.Clinical.Settings;
using static Dorset.Telehealth.Clinical.Tests.Fakes.Readings;

namespace Dorset.Telehealth.Clinical.Tests.Rules;

public sealed class GlucoseMealTargetRuleTests
{
    private const string Rule = "glucose-meal-target";

    [Theory]
    [InlineData("preprandial", "7.0", false)]
    [InlineData("preprandial", "7.1", true)]
    [InlineData("fasting", "7.0", false)]
    [InlineData("fasting", "7.1", true)]
    [InlineData("postprandial", "7.1", false)]
    [InlineData("postprandial", "9.0", false)]
    [InlineData("postprandial", "9.1", true)]
    public void Evaluate_AroundTheMealTargets_IsANoticeAboveTarget(string meal, string mmol, bool breached)
    {
        RuleOutcome? outcome = Evaluate(Glucose(mmol) with { MealContext = meal }).OutcomeOf(Rule);

        Assert.NotNull(outcome);
        Assert.Equal(breached, outcome.Breached);
        if (breached)
        {
            Assert.Equal(AlertLevel.Info, outcome.Level);
            Assert.Contains(meal == GlucoseMealTargetRule.PostMeal ? "after-meal" : "before-meal", outcome.Summary, System.StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bedtime")]
    public void Evaluate_NoMealContext_SaysNothing(string? meal)
    {
        Assert.Null(Evaluate(Glucose("12.0") with { MealContext = meal }).OutcomeOf(Rule));
    }

    [Fact]
    public void Evaluate_MgPerDecilitre_IsComparedInMillimolesPerLitre()
    {
        // 128 / 18.016 = 7.104 mmol/L, above the 7.0 target; 126 / 18.016 = 6.993, within it.
        Assert.True(Evaluate(Glucose("128", "mg/dL") with { MealContext = "fasting" }).OutcomeOf(Rule)!.Breached);
        Assert.False(Evaluate(Glucose("126", "mg/dL") with { MealContext = "fasting" }).OutcomeOf(Rule)!.Breached);
    }

    [Theory]
    [InlineData("preprandial", "8.0", false)]
    [InlineData("preprandial", "8.1", true)]
    [InlineData("postprandial", "10.0", false)]
    [InlineData("postprandial", "10.1", true)]
    public void Evaluate_PatientTargets_ReplaceTheDefaults(string meal, string mmol, bool breached)
    {
        var settings = PatientSettings.Default with { GlucosePreMealAbove = 8.0m, GlucosePostMealAbove = 10.0m };

        Assert.Equal(breached, Evaluate(Glucose(mmol) with { MealContext = meal }, settings).OutcomeOf(Rule)!.Breached);
    }
}
