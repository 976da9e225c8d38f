namespace Dorset.Telehealth.Protocol.Tests.Portability;

/// <summary>One use of a construct outside the subset: where, which rule, and what was found.</summary>
public sealed record PortabilityViolation(string File, int Line, PortabilityRule Rule, string What)
{
    public override string ToString() => $"{File}:{Line}: {Rule}: {What}";
}
