using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Gateway.Users;

/// <summary>See <see cref="IUserDirectory"/>. Lockout times come from the platform clock, so tests move them with a fake one.</summary>
internal sealed partial class UserDirectory(
    IAppUserStore store,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    IOptionsMonitor<UserOptions> options,
    ILogger<UserDirectory> logger) : IUserDirectory
{
    /// <summary>The longest accepted password (a bound on the hashing work an anonymous request can ask for).</summary>
    public const int MaxPasswordLength = 256;

    private static readonly PasswordHasher<string> s_hasher = new();

    // Verified against when the name is unknown, so an unknown name costs the same hashing time as a wrong password.
    private static readonly string s_dummyHash = s_hasher.HashPassword(string.Empty, "not-a-password-" + Guid.NewGuid().ToString("N"));

    public async Task<UserView> AddAsync(string name, string password, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (!UserNames.IsValid(name))
        {
            throw new ArgumentException("A user name is 1 to 64 letters, digits, '.', '_', '-' or '@'.", nameof(name));
        }

        CheckPassword(password);
        var checkedRoles = CheckRoles(roles);
        var user = new AppUser(name, s_hasher.HashPassword(name, password), checkedRoles, Disabled: false, FailedCount: 0, LockoutEnd: null, CreatedAt: time.GetUtcNow());
        if (!await store.InsertAsync(user, cancellationToken))
        {
            throw new UserExistsException($"A user named '{name}' exists already.");
        }

        var rolesText = string.Join(',', checkedRoles);
        UsersLog.Added(logger, name, rolesText);
        return View(user);
    }

    public async Task<IReadOnlyList<UserView>> ListAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync(cancellationToken)).Select(View).ToList();

    public async Task<UserView?> FindAsync(string name, CancellationToken cancellationToken) =>
        UserNames.IsValid(name) && await store.FindAsync(name, cancellationToken) is { } user ? View(user) : null;

    public async Task<bool> SetDisabledAsync(string name, bool disabled, CancellationToken cancellationToken)
    {
        if (!UserNames.IsValid(name) || !await store.SetDisabledAsync(name, disabled, cancellationToken))
        {
            return false;
        }

        UsersLog.DisabledChanged(logger, name, disabled);
        return true;
    }

    public async Task<bool> SetRolesAsync(string name, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var checkedRoles = CheckRoles(roles);
        if (!UserNames.IsValid(name) || !await store.SetRolesAsync(name, checkedRoles, cancellationToken))
        {
            return false;
        }

        var rolesText = string.Join(',', checkedRoles);
        UsersLog.RolesChanged(logger, name, rolesText);
        return true;
    }

    public async Task<SignInResult> SignInAsync(string? name, string? password, CancellationToken cancellationToken)
    {
        var user = UserNames.IsValid(name) && password is { Length: > 0 and <= MaxPasswordLength }
            ? await store.FindAsync(name!, cancellationToken)
            : null;
        if (user is null)
        {
            s_hasher.VerifyHashedPassword(string.Empty, s_dummyHash, password is { Length: <= MaxPasswordLength } ? password : string.Empty);
            // The name is not logged: an unknown "name" is often a password typed into the wrong field.
            UsersLog.Refused(logger, "(unknown)", "unknown user name or no password");
            return new SignInResult(SignInOutcome.WrongCredentials, null, TimeSpan.Zero);
        }

        var now = time.GetUtcNow();
        if (user.LockoutEnd is { } end && end > now)
        {
            // Locked: the password is not even checked, so guessing on gets nowhere until the lockout ends.
            UsersLog.Refused(logger, user.Name, "locked out");
            return new SignInResult(SignInOutcome.LockedOut, null, end - now);
        }

        var verified = s_hasher.VerifyHashedPassword(user.Name, user.PasswordHash, password!);
        if (verified == PasswordVerificationResult.Failed)
        {
            var current = options.CurrentValue;
            var failures = await store.RecordFailureAsync(user.Name, cancellationToken);
            if (failures >= current.LockoutThreshold)
            {
                await store.LockOutAsync(user.Name, now + current.LockoutDuration, cancellationToken);
                UsersLog.LockedOut(logger, user.Name, failures, current.LockoutDuration);
                return new SignInResult(SignInOutcome.LockedOut, null, current.LockoutDuration);
            }

            UsersLog.Refused(logger, user.Name, "wrong password");
            return new SignInResult(SignInOutcome.WrongCredentials, null, TimeSpan.Zero);
        }

        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await store.SetPasswordHashAsync(user.Name, s_hasher.HashPassword(user.Name, password!), cancellationToken);
        }
        else if (user.FailedCount != 0 || user.LockoutEnd is not null)
        {
            await store.ResetFailuresAsync(user.Name, cancellationToken);
        }

        if (user.Disabled)
        {
            UsersLog.Refused(logger, user.Name, "disabled");
            return new SignInResult(SignInOutcome.Disabled, null, TimeSpan.Zero);
        }

        return new SignInResult(SignInOutcome.Accepted, View(user with { FailedCount = 0, LockoutEnd = null }), TimeSpan.Zero);
    }

    private void CheckPassword(string password)
    {
        var min = options.CurrentValue.MinPasswordLength;
        if (password is null || password.Length < min || password.Length > MaxPasswordLength)
        {
            throw new ArgumentException($"A password is {min} to {MaxPasswordLength} characters.", nameof(password));
        }
    }

    private static List<string> CheckRoles(IReadOnlyList<string> roles)
    {
        var trimmed = roles.Select(r => r?.Trim() ?? string.Empty).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (trimmed.FirstOrDefault(r => !UserNames.IsValidRole(r)) is { } bad)
        {
            throw new ArgumentException($"Role '{(bad.Length <= 64 ? bad : bad[..64] + "…")}' is not valid: a role is 1 to 64 letters, digits, '.', '_' or '-'.", nameof(roles));
        }

        return trimmed;
    }

    private UserView View(AppUser user)
    {
        var lockedOut = user.LockoutEnd is { } end && end > time.GetUtcNow();
        return new UserView(user.Name, user.Roles, user.Disabled, lockedOut, lockedOut ? user.LockoutEnd : null, user.CreatedAt);
    }
}
