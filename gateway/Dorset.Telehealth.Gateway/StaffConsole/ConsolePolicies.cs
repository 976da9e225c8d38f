namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>Authorization policies of the console: every page needs a session; admin pages also the admin role.</summary>
public static class ConsolePolicies
{
    /// <summary>Provisioning, revocation, pairing, patient settings and users.</summary>
    public const string Admin = "admin";
}
