using System.Globalization;

namespace Dorset.Telehealth.Clinical.Readings;

/// <summary>One quantity of a reading with its unit, e.g. spo2 91 %. The decimal keeps the device's exact digits.</summary>
/// <param name="Name">The contract's value name: glucose, spo2, pulse, weight, systolic, diastolic, map.</param>
/// <param name="Value">The exact value.</param>
/// <param name="Unit">The fixed unit: mmol/L, mg/dL, %, /min, kg, mmHg.</param>
public sealed record MeasuredValue(string Name, decimal Value, string Unit)
{
    /// <summary>The value as written in the contract, e.g. "91".</summary>
    public string ValueText => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>e.g. "91 %", "3.2 mmol/L".</summary>
    public override string ToString() => ValueText + " " + Unit;
}
