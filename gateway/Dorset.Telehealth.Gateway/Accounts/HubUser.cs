using System;

namespace Dorset.Telehealth.Gateway.Accounts;

/// <summary>A console account as `users list` shows it (never its password hash).</summary>
/// <param name="Name">The login name.</param>
/// <param name="Role">staff or admin.</param>
/// <param name="CreatedUtc">When it was added.</param>
/// <param name="DisabledUtc">When it was disabled, or null while it may log in.</param>
/// <param name="FailedLogins">Failed logins in a row.</param>
/// <param name="LockedUntilUtc">Until when it is locked out after repeated failures, or null.</param>
/// <param name="PasswordChangedUtc">When its password was last reset, or null: sessions from before it have ended.</param>
public sealed record HubUser(string Name, string Role, DateTimeOffset CreatedUtc, DateTimeOffset? DisabledUtc, int FailedLogins, DateTimeOffset? LockedUntilUtc,
    DateTimeOffset? PasswordChangedUtc);
