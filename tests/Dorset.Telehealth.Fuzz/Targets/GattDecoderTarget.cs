using System;
using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Fuzz.Targets;

/// <summary>The shape every GATT decoder of the Protocol library has.</summary>
public delegate bool GattDecode<T>(byte[] buffer, int offset, int count, out T value, out DecodeFailure failure);

/// <summary>
/// A GATT characteristic decoder. Contract: never throws; true with a value, or false with a failure that has a
/// message; and it reads only buffer[offset..offset+count): the same bytes placed at another offset, with other bytes
/// either side, decode to the same answer.
/// </summary>
public sealed class GattDecoderTarget<T> : FuzzTarget
    where T : notnull
{
    private const int Margin = 3;
    private readonly GattDecode<T> _decode;

    /// <summary>Creates the target.</summary>
    public GattDecoderTarget(string name, GattDecode<T> decode)
    {
        Name = name;
        _decode = decode;
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override void Run(byte[] input)
    {
        string atStart = Decode(input, 0, input.Length);
        var framed = new byte[input.Length + (2 * Margin)];
        framed.AsSpan().Fill(0xA5);
        input.CopyTo(framed, Margin);
        string inside = Decode(framed, Margin, input.Length);
        if (atStart != inside)
        {
            throw new ContractViolation($"{Name}: the same bytes decoded differently at offset {Margin} ('{inside}') than at 0 ('{atStart}')");
        }
    }

    private string Decode(byte[] buffer, int offset, int count)
    {
        if (_decode(buffer, offset, count, out T value, out DecodeFailure failure))
        {
            return value is null ? throw new ContractViolation($"{Name}: accepted without a value") : "ok " + DecodedValue.Describe(value);
        }

        if (failure == null || string.IsNullOrEmpty(failure.Message) || !Enum.IsDefined(failure.Status))
        {
            throw new ContractViolation($"{Name}: refused without a reason");
        }

        return "refused " + failure.Message;
    }
}
