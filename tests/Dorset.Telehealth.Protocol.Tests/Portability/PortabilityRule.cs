namespace Dorset.Telehealth.Protocol.Tests.Portability;

/// <summary>The constructs the nanoFramework 1.x subset lacks (../shared/reference/nanoframework.md).</summary>
public enum PortabilityRule
{
    Generics,
    NullableValueType,
    Linq,
    Async,
    SpanOrMemory,
    Tuple,
    Record,
    Yield,
    StringJoin,
    ArrayEmpty,
    DateTimeOffset,
    SystemMath,
    Stopwatch,
    Dynamic,
}
