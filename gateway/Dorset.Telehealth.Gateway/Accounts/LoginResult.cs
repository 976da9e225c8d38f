namespace Dorset.Telehealth.Gateway.Accounts;

/// <summary>How a login attempt went. The console shows the same words for every refusal, so as not to tell an
/// attacker which names exist; the audit table keeps the exact reason.</summary>
public enum LoginResult
{
    /// <summary>The password matched an enabled, unlocked account.</summary>
    Succeeded = 0,

    /// <summary>No account has that name.</summary>
    UnknownUser = 1,

    /// <summary>The password did not match.</summary>
    WrongPassword = 2,

    /// <summary>Too many failures in a row: refused until the lockout ends, whatever the password.</summary>
    LockedOut = 3,

    /// <summary>The account is disabled.</summary>
    Disabled = 4,
}
