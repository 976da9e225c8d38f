using System;
using System.Diagnostics.CodeAnalysis;

namespace Dorset.Telehealth.Cloud.Smart;

/// <summary>
/// One SMART App Launch v2 system scope, `system/{ResourceType}.{permissions}` (e.g. `system/Observation.rs`): the
/// permissions are letters of `cruds` in that order (create, read, update, delete, search); `*` is every resource type.
/// v1 scopes (`.read`) and scopes with query parameters are not supported, so they never parse and are never granted.
/// </summary>
/// <param name="ResourceType">A FHIR R4 resource type, or `*`.</param>
/// <param name="Permissions">A non-empty ordered subset of `cruds`.</param>
public sealed record SmartScope(string ResourceType, string Permissions)
{
    /// <summary>Every permission letter, in the order SMART v2 writes them.</summary>
    public const string AllPermissions = "cruds";

    /// <summary>The permission of a FHIR read (by id).</summary>
    public const char Read = 'r';

    /// <summary>The permission of a FHIR search.</summary>
    public const char Search = 's';

    /// <summary>Parses <paramref name="text"/>; false for anything not a v2 system scope of a known resource type.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SmartScope? scope)
    {
        scope = null;
        const string Prefix = "system/";
        int dot = text.LastIndexOf('.');
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || dot <= Prefix.Length || dot == text.Length - 1)
        {
            return false;
        }

        string type = text[Prefix.Length..dot];
        string permissions = text[(dot + 1)..];
        if ((type != "*" && !Hl7.Fhir.Model.ModelInfo.IsKnownResource(type)) || !IsOrderedSubset(permissions))
        {
            return false;
        }

        scope = new SmartScope(type, permissions);
        return true;
    }

    /// <summary>True when this scope allows <paramref name="permission"/> on <paramref name="resourceType"/>.</summary>
    public bool Permits(string resourceType, char permission) =>
        (ResourceType == "*" || ResourceType == resourceType) && Permissions.Contains(permission, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => $"system/{ResourceType}.{Permissions}";

    private static bool IsOrderedSubset(string permissions)
    {
        int last = -1;
        foreach (char c in permissions)
        {
            int at = AllPermissions.IndexOf(c, StringComparison.Ordinal);
            if (at <= last)
            {
                return false;
            }

            last = at;
        }

        return permissions.Length > 0;
    }
}
