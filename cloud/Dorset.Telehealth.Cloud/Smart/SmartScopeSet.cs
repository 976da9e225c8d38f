using System;
using System.Collections.Generic;
using System.Linq;

namespace Dorset.Telehealth.Cloud.Smart;

/// <summary>
/// A space-separated list of SMART system scopes: what a client is registered for, what it asks for, and what its
/// token grants. A token grants the intersection of what was asked and what is allowed, never more (SMART App Launch
/// "Scopes": the server may grant fewer scopes than requested).
/// </summary>
public sealed class SmartScopeSet
{
    private SmartScopeSet(IReadOnlyList<SmartScope> scopes)
    {
        Scopes = scopes;
    }

    /// <summary>The scopes, each once.</summary>
    public IReadOnlyList<SmartScope> Scopes { get; }

    /// <summary>True when no scope is held.</summary>
    public bool IsEmpty => Scopes.Count == 0;

    /// <summary>Parses <paramref name="text"/>; <paramref name="unsupported"/> gets each word that is not a supported scope.</summary>
    public static SmartScopeSet Parse(string? text, out IReadOnlyList<string> unsupported)
    {
        var scopes = new List<SmartScope>();
        var rest = new List<string>();
        foreach (string word in (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (SmartScope.TryParse(word, out SmartScope? scope))
            {
                scopes.Add(scope);
            }
            else
            {
                rest.Add(word);
            }
        }

        unsupported = rest;
        return new SmartScopeSet(scopes.Distinct().ToList());
    }

    /// <summary>Parses <paramref name="text"/>, dropping what is not a supported scope (stored sets hold only supported ones).</summary>
    public static SmartScopeSet Parse(string? text) => Parse(text, out _);

    /// <summary>True when some scope allows <paramref name="permission"/> on <paramref name="resourceType"/>.</summary>
    public bool Permits(string resourceType, char permission) => Scopes.Any(s => s.Permits(resourceType, permission));

    /// <summary>
    /// What a token may be granted: for each requested scope, the permissions of it that an allowed scope also holds
    /// for that type (a requested `*` is narrowed to the allowed types).
    /// </summary>
    public SmartScopeSet Grant(SmartScopeSet allowed)
    {
        var granted = new List<SmartScope>();
        foreach (SmartScope asked in Scopes)
        {
            foreach (SmartScope may in allowed.Scopes)
            {
                if (asked.ResourceType != "*" && may.ResourceType != "*" && asked.ResourceType != may.ResourceType)
                {
                    continue;
                }

                string type = asked.ResourceType == "*" ? may.ResourceType : asked.ResourceType;
                string permissions = new(SmartScope.AllPermissions.Where(p => asked.Permissions.Contains(p) && may.Permissions.Contains(p)).ToArray());
                if (permissions.Length > 0)
                {
                    granted.Add(new SmartScope(type, permissions));
                }
            }
        }

        return new SmartScopeSet(granted.Distinct().ToList());
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(' ', Scopes);
}
