using System.Linq;
using System.Text.Json.Nodes;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Tests.Contract;

/// <summary>
/// "glucose.context" (cloud/README.md): stored with the reading, part of its content, and served as components of the
/// glucose Observation with the PHD IG's MDC codes and ours; an HbA1c a meter reported is not an HbA1c result.
/// </summary>
public abstract partial class IngestionContractTests
{
    private const string ContextSystem = "https://dorset-telehealth.nhs.uk/fhir/CodeSystem/glucose-context";
    private const string Mdc = "urn:iso:std:iso:11073:10101";

    private static JsonObject GlucoseWithContext(string unit, long seq, string meal = "preprandial")
    {
        JsonObject reading = Batches.Glucose(unit, seq);
        reading["glucose"]!["context"] = new JsonObject
        {
            ["meal"] = meal,
            ["tester"] = "self",
            ["health"] = "none",
            ["exercise"] = new JsonObject { ["durationSeconds"] = 1800, ["intensityPercent"] = 60 },
            ["medication"] = new JsonObject { ["type"] = "rapid-acting-insulin", ["value"] = "0.04", ["unit"] = "mL" },
            ["carbohydrate"] = new JsonObject { ["type"] = "breakfast", ["value"] = "45", ["unit"] = "g" },
            ["hba1c"] = new JsonObject { ["value"] = "6.5", ["unit"] = "%" },
        };
        return reading;
    }

    [Fact]
    public async Task GlucoseContext_IsServedAsComponentsOfTheGlucoseObservation_WithMdcCodesAndOurs()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();

        var (status, _) = await app.PostAsync(secret, gw, GlucoseWithContext(unit, 1));

        Assert.Equal(200, status);
        Bundle bundle = await SearchAsync(app, $"patient={nhs}");
        Observation o = (Observation)Assert.Single(bundle.Entry).Resource;
        Assert.Equal(5.4m, ((Quantity)o.Value).Value);
        Assert.Equal(["meal", "tester", "health", "exercise-duration", "exercise-intensity", "medication", "carbohydrate", "hba1c"],
            o.Component.Select(c => c.Code.Coding.Single(k => k.System == ContextSystem).Code));
        AssertCoded(Component(o, "meal"), "8417864", "8417868");
        AssertCoded(Component(o, "tester"), "8417884", "8417888");
        AssertCoded(Component(o, "health"), "8417820", "8417840");
        AssertQuantity(Component(o, "exercise-duration").Value, "1800", "s");
        AssertQuantity(Component(o, "exercise-intensity").Value, "60", "%");
        Observation.ComponentComponent insulin = Component(o, "medication");
        AssertQuantity(insulin.Value, "0.04", "mL");
        Assert.Contains(insulin.Code.Coding, c => c.System == Mdc && c.Code == "8417800");
        Observation.ComponentComponent carbs = Component(o, "carbohydrate");
        AssertQuantity(carbs.Value, "45", "g");
        Assert.Contains(carbs.Code.Coding, c => c.System == Mdc && c.Code == "8417768");
        Observation.ComponentComponent hba1c = Component(o, "hba1c");
        AssertQuantity(hba1c.Value, "6.5", "%");
        Assert.Contains(hba1c.Code.Coding, c => c.System == "http://loinc.org" && c.Code == "4548-4");
        Assert.Contains(hba1c.Code.Coding, c => c.System == Mdc && c.Code == "160220");
    }

    [Fact]
    public async Task HbA1cAMeterReported_IsNotFoundAsAnHbA1cResult()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        await app.PostAsync(secret, gw, GlucoseWithContext(unit, 1));

        Bundle byLoinc = await SearchAsync(app, $"patient={nhs}&code=http://loinc.org|4548-4");

        Assert.Equal(0, byLoinc.Total);
    }

    [Fact]
    public async Task GlucoseContext_IsPartOfTheReading_SameAgainIsADuplicate_AnotherMealIsAKeyConflict()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        await app.PostAsync(secret, gw, GlucoseWithContext(unit, 1));

        var (_, again) = await app.PostAsync(secret, gw, GlucoseWithContext(unit, 1));
        var (_, changed) = await app.PostAsync(secret, gw, GlucoseWithContext(unit, 1, meal: "postprandial"));
        var (_, without) = await app.PostAsync(secret, gw, Batches.Glucose(unit, 1));

        Assert.Single(Batches.Keys(again!, "duplicate"));
        Assert.StartsWith("key-conflict: ", changed!["rejected"]![0]!["reason"]!.GetValue<string>(), System.StringComparison.Ordinal);
        Assert.StartsWith("key-conflict: ", without!["rejected"]![0]!["reason"]!.GetValue<string>(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("meal", "\"lunch\"", "readings[0].glucose.context.meal")]
    [InlineData("tester", "\"nurse\"", "readings[0].glucose.context.tester")]
    [InlineData("exercise", "{\"durationSeconds\":65536}", "readings[0].glucose.context.exercise.durationSeconds")]
    [InlineData("exercise", "{\"durationSeconds\":60,\"intensityPercent\":101}", "readings[0].glucose.context.exercise.intensityPercent")]
    [InlineData("medication", "{\"type\":\"rapid-acting-insulin\",\"value\":\"4\",\"unit\":\"IU\"}", "readings[0].glucose.context.medication.unit")]
    [InlineData("medication", "{\"type\":\"aspirin\",\"value\":\"4\",\"unit\":\"mg\"}", "readings[0].glucose.context.medication.type")]
    [InlineData("carbohydrate", "{\"value\":\"-1\",\"unit\":\"g\"}", "readings[0].glucose.context.carbohydrate.value")]
    [InlineData("hba1c", "{\"value\":\"101\",\"unit\":\"%\"}", "readings[0].glucose.context.hba1c.value")]
    [InlineData("hba1c", "{\"value\":\"6.5\",\"unit\":\"mmol/mol\"}", "readings[0].glucose.context.hba1c.unit")]
    public async Task GlucoseContext_OutsideTheContract_Is400NamingTheField(string part, string json, string field)
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        JsonObject reading = GlucoseWithContext(unit, 1);
        reading["glucose"]!["context"]![part] = JsonNode.Parse(json);

        var (status, body) = await app.PostAsync(secret, gw, reading);

        Assert.Equal(400, status);
        Assert.Equal(field, body!["field"]!.GetValue<string>());
    }

    private static Observation.ComponentComponent Component(Observation o, string part) =>
        o.Component.Single(c => c.Code.Coding.Any(k => k.System == ContextSystem && k.Code == part));

    private static void AssertCoded(Observation.ComponentComponent component, string mdcPart, string mdcValue)
    {
        Assert.Contains(component.Code.Coding, c => c.System == Mdc && c.Code == mdcPart);
        var value = Assert.IsType<CodeableConcept>(component.Value);
        Assert.Contains(value.Coding, c => c.System == Mdc && c.Code == mdcValue);
    }
}
