using System.Collections;
using System.Text;
using Dorset.Telehealth.HomeUnit.Json;

namespace Dorset.Telehealth.Fuzz.Targets;

/// <summary>The shape of the unit's JSON document readers.</summary>
public delegate bool UnitJsonParse<T>(string json, out T value, out string error);

/// <summary>
/// A JSON document the home unit reads: its config file (unit-config.json) or the gateway's retained config topic.
/// The bytes are turned into text as the unit does (UTF-8). Contract: never throws; true with a value and no error, or
/// false with an error naming the document; and <paramref name="check"/> (the document's own rules) holds for what was
/// accepted.
/// </summary>
public sealed class UnitJsonTarget<T> : FuzzTarget
    where T : class
{
    private readonly UnitJsonParse<T> _parse;
    private readonly string _errorPrefix;
    private readonly System.Action<T, Hashtable> _check;

    /// <summary>Creates the target; <paramref name="check"/> throws <see cref="ContractViolation"/> when an accepted value breaks a rule.</summary>
    public UnitJsonTarget(string name, UnitJsonParse<T> parse, string errorPrefix, System.Action<T, Hashtable> check)
    {
        Name = name;
        _parse = parse;
        _errorPrefix = errorPrefix;
        _check = check;
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override void Run(byte[] input)
    {
        string json = new string(Encoding.UTF8.GetChars(input));
        if (!_parse(json, out T value, out string error))
        {
            if (string.IsNullOrEmpty(error) || !error.StartsWith(_errorPrefix, System.StringComparison.Ordinal))
            {
                throw new ContractViolation($"{Name}: refused without an error naming the document ('{error}')");
            }

            return;
        }

        if (value == null || error != null)
        {
            throw new ContractViolation($"{Name}: accepted with no value or with an error ('{error}')");
        }

        // What was accepted was a JSON object; the check compares the value with the document it came from.
        if (!JsonParser.TryParse(json, out object root, out string reparse) || root is not Hashtable document)
        {
            throw new ContractViolation($"{Name}: accepted a document the JSON parser refuses ({reparse})");
        }

        _check(value, document);
    }
}
