using System;

namespace Dorset.Telehealth.Gateway.Accounts;

/// <summary>
/// The console's two roles (issue 11 "Access"): staff see alerts, acknowledge them and add notes; admins also
/// provision, revoke and pair units, edit patient settings and manage users.
/// </summary>
public static class HubRoles
{
    /// <summary>Hub staff.</summary>
    public const string Staff = "staff";

    /// <summary>Hub administrators.</summary>
    public const string Admin = "admin";

    /// <summary>Both roles.</summary>
    public static readonly string[] All = { Staff, Admin };

    /// <summary>True for a role name.</summary>
    public static bool IsRole(string? role) => Array.IndexOf(All, role) >= 0;
}
