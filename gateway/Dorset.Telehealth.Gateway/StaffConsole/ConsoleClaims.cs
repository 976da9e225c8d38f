namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>Claims of a console session beyond name and role.</summary>
public static class ConsoleClaims
{
    /// <summary>When the user logged in (ISO 8601 UTC): a session ends 12 h after it, however active.</summary>
    public const string LoggedInUtc = "dorset:logged-in-utc";
}
