using System.Collections.Concurrent;
using OrleansPlatform.Gateway.Users;

namespace OrleansPlatform.Gateway.Tests.Users;

/// <summary>The <c>app_users</c> table's semantics in memory (the SQL is exercised on both databases by the integration tests).</summary>
internal sealed class InMemoryAppUserStore : IAppUserStore
{
    private readonly ConcurrentDictionary<string, AppUser> _users = new(StringComparer.Ordinal);

    public IReadOnlyCollection<AppUser> Rows => [.. _users.Values];

    public Task<bool> InsertAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(_users.TryAdd(user.Name, user));

    public Task<AppUser?> FindAsync(string name, CancellationToken cancellationToken) => Task.FromResult(_users.GetValueOrDefault(name));

    public Task<IReadOnlyList<AppUser>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AppUser>>([.. _users.Values.OrderBy(u => u.Name, StringComparer.Ordinal)]);

    public Task<bool> SetDisabledAsync(string name, bool disabled, CancellationToken cancellationToken) => Update(name, u => u with { Disabled = disabled });

    public Task<bool> SetRolesAsync(string name, IReadOnlyList<string> roles, CancellationToken cancellationToken) => Update(name, u => u with { Roles = roles });

    public Task<bool> SetPasswordHashAsync(string name, string passwordHash, CancellationToken cancellationToken) =>
        Update(name, u => u with { PasswordHash = passwordHash, FailedCount = 0, LockoutEnd = null });

    public async Task<int> RecordFailureAsync(string name, CancellationToken cancellationToken) =>
        await Update(name, u => u with { FailedCount = u.FailedCount + 1 }) ? _users[name].FailedCount : 0;

    public Task LockOutAsync(string name, DateTimeOffset until, CancellationToken cancellationToken) => Update(name, u => u with { FailedCount = 0, LockoutEnd = until });

    public Task ResetFailuresAsync(string name, CancellationToken cancellationToken) => Update(name, u => u with { FailedCount = 0, LockoutEnd = null });

    private Task<bool> Update(string name, Func<AppUser, AppUser> change)
    {
        while (_users.TryGetValue(name, out var current))
        {
            if (_users.TryUpdate(name, change(current), current))
            {
                return Task.FromResult(true);
            }
        }

        return Task.FromResult(false);
    }
}
