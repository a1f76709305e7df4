using Dapper;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Gateway.Users;

/// <summary>See <see cref="IAppUserStore"/>: the table in the cluster database (PostgreSQL or SQLite), through <see cref="AppUserSql"/>.</summary>
internal sealed class AdoNetAppUserStore(IClusterDatabase database) : IAppUserStore
{
    private AppUserSql Sql => AppUserSql.For(database.Provider);

    public async Task<bool> InsertAsync(AppUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Sql.Insert, new
        {
            user.Name,
            user.PasswordHash,
            Roles = string.Join(',', user.Roles),
            user.Disabled,
            CreatedAtMs = user.CreatedAt.ToUnixTimeMilliseconds(),
        }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<AppUser?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Sql.Find, new { Name = name }, cancellationToken: cancellationToken));
        return row?.ToUser();
    }

    public async Task<IReadOnlyList<AppUser>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Row>(new CommandDefinition(Sql.List, cancellationToken: cancellationToken))).Select(r => r.ToUser()).ToList();
    }

    public Task<bool> SetDisabledAsync(string name, bool disabled, CancellationToken cancellationToken) =>
        UpdateAsync(Sql.SetDisabled, new { Name = name, Disabled = disabled }, cancellationToken);

    public Task<bool> SetRolesAsync(string name, IReadOnlyList<string> roles, CancellationToken cancellationToken) =>
        UpdateAsync(Sql.SetRoles, new { Name = name, Roles = string.Join(',', roles) }, cancellationToken);

    public Task<bool> SetPasswordHashAsync(string name, string passwordHash, CancellationToken cancellationToken) =>
        UpdateAsync(Sql.SetPassword, new { Name = name, PasswordHash = passwordHash }, cancellationToken);

    public async Task<int> RecordFailureAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return (int)(await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(Sql.RecordFailure, new { Name = name }, cancellationToken: cancellationToken)) ?? 0);
    }

    public async Task LockOutAsync(string name, DateTimeOffset until, CancellationToken cancellationToken) =>
        await UpdateAsync(Sql.LockOut, new { Name = name, UntilMs = until.ToUnixTimeMilliseconds() }, cancellationToken);

    public async Task ResetFailuresAsync(string name, CancellationToken cancellationToken) =>
        await UpdateAsync(Sql.ResetFailures, new { Name = name }, cancellationToken);

    private async Task<bool> UpdateAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)) > 0;
    }

    private sealed record Row(string Name, string PasswordHash, string Roles, long Disabled, long FailedCount, long? LockoutEndMs, long CreatedAtMs)
    {
        public AppUser ToUser() => new(
            Name,
            PasswordHash,
            Roles.Split(',', StringSplitOptions.RemoveEmptyEntries),
            Disabled != 0,
            (int)FailedCount,
            LockoutEndMs is { } end ? DateTimeOffset.FromUnixTimeMilliseconds(end) : null,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs));
    }
}
