using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansPlatform.Gateway.Users;

namespace OrleansPlatform.Gateway.Tests.Users;

public sealed class UserDirectoryTests
{
    private const string Password = "correct horse battery";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAppUserStore store = new();
    private readonly CapturingLogger logger = new();

    [Fact]
    public async Task A_user_signs_in_with_the_right_password_only_and_the_password_is_stored_as_a_hash()
    {
        var users = Directory();
        var added = await users.AddAsync("alice", Password, ["buyer", "buyer", " staff "], CancellationToken.None);
        Assert.Equal(["buyer", "staff"], added.Roles);

        var accepted = await users.SignInAsync("alice", Password, CancellationToken.None);
        Assert.Equal(SignInOutcome.Accepted, accepted.Outcome);
        Assert.Equal(["buyer", "staff"], accepted.User!.Roles);
        Assert.Equal(SignInOutcome.WrongCredentials, (await users.SignInAsync("alice", Password + "!", CancellationToken.None)).Outcome);
        Assert.Equal(SignInOutcome.WrongCredentials, (await users.SignInAsync("nobody", Password, CancellationToken.None)).Outcome);
        Assert.Equal(SignInOutcome.WrongCredentials, (await users.SignInAsync("alice", null, CancellationToken.None)).Outcome);

        var row = Assert.Single(store.Rows);
        Assert.DoesNotContain(Password, row.PasswordHash, StringComparison.Ordinal);
        Assert.StartsWith("AQAAAA", row.PasswordHash, StringComparison.Ordinal); // Identity's v3 format (PBKDF2, salted)
        Assert.DoesNotContain(logger.Lines, l => l.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Five_failures_in_a_row_lock_the_name_for_five_minutes_even_for_the_right_password_then_it_works_again()
    {
        var users = Directory();
        await users.AddAsync("alice", Password, [], CancellationToken.None);
        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal(SignInOutcome.WrongCredentials, (await users.SignInAsync("alice", "guess-" + i, CancellationToken.None)).Outcome);
        }

        var locked = await users.SignInAsync("alice", "guess-5", CancellationToken.None);
        Assert.Equal((SignInOutcome.LockedOut, TimeSpan.FromMinutes(5)), (locked.Outcome, locked.RetryAfter));
        Assert.True((await users.FindAsync("alice", CancellationToken.None))!.LockedOut);

        time.Advance(TimeSpan.FromMinutes(4));
        var stillLocked = await users.SignInAsync("alice", Password, CancellationToken.None);
        Assert.Equal((SignInOutcome.LockedOut, TimeSpan.FromMinutes(1)), (stillLocked.Outcome, stillLocked.RetryAfter));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(SignInOutcome.Accepted, (await users.SignInAsync("alice", Password, CancellationToken.None)).Outcome);
        Assert.Equal((0, null), (store.Rows.Single().FailedCount, store.Rows.Single().LockoutEnd));
        Assert.Contains(logger.Lines, l => l.Contains("User alice locked out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_good_sign_in_restarts_the_count_of_failures()
    {
        var users = Directory();
        await users.AddAsync("alice", Password, [], CancellationToken.None);
        for (var i = 0; i < 4; i++)
        {
            await users.SignInAsync("alice", "guess", CancellationToken.None);
        }

        Assert.Equal(SignInOutcome.Accepted, (await users.SignInAsync("alice", Password, CancellationToken.None)).Outcome);
        Assert.Equal(SignInOutcome.WrongCredentials, (await users.SignInAsync("alice", "guess", CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_disabled_user_is_told_so_only_with_the_right_password_and_is_accepted_again_when_enabled()
    {
        var users = Directory();
        await users.AddAsync("alice", Password, [], CancellationToken.None);
        Assert.True(await users.SetDisabledAsync("alice", true, CancellationToken.None));
        Assert.False(await users.SetDisabledAsync("nobody", true, CancellationToken.None));

        Assert.Equal(SignInOutcome.Disabled, (await users.SignInAsync("alice", Password, CancellationToken.None)).Outcome);
        Assert.Equal(SignInOutcome.WrongCredentials, (await users.SignInAsync("alice", "guess", CancellationToken.None)).Outcome);
        Assert.True(await users.SetDisabledAsync("alice", false, CancellationToken.None));
        Assert.Equal(SignInOutcome.Accepted, (await users.SignInAsync("alice", Password, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Bad_names_roles_and_passwords_are_refused_naming_the_rule_and_a_taken_name_is_a_conflict()
    {
        var users = Directory();
        Assert.Contains("1 to 64", (await Assert.ThrowsAsync<ArgumentException>(() => users.AddAsync("al ice", Password, [], CancellationToken.None))).Message, StringComparison.Ordinal);
        var shortPassword = await Assert.ThrowsAsync<ArgumentException>(() => users.AddAsync("alice", "short", [], CancellationToken.None));
        Assert.Contains("8 to 256 characters", shortPassword.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short", shortPassword.Message.Replace("characters", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Role 'a b'", (await Assert.ThrowsAsync<ArgumentException>(() => users.AddAsync("alice", Password, ["a b"], CancellationToken.None))).Message, StringComparison.Ordinal);

        await users.AddAsync("alice", Password, [], CancellationToken.None);
        await Assert.ThrowsAsync<UserExistsException>(() => users.AddAsync("alice", "another password", [], CancellationToken.None));
        Assert.True(await users.SetRolesAsync("alice", ["manager"], CancellationToken.None));
        Assert.Equal(["manager"], (await users.FindAsync("alice", CancellationToken.None))!.Roles);
        Assert.False(await users.SetRolesAsync("nobody", ["manager"], CancellationToken.None));
    }

    [Fact]
    public void The_options_validator_names_each_bad_setting()
    {
        var failures = new UserOptionsValidator().Validate(null, new UserOptions { LockoutThreshold = 0, LockoutDuration = TimeSpan.Zero, TokenLifetime = TimeSpan.Zero, MinPasswordLength = 0 }).Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("Users:LockoutThreshold", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Users:LockoutDuration", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Users:TokenLifetime", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Users:MinPasswordLength", StringComparison.Ordinal));
        Assert.True(new UserOptionsValidator().Validate(null, new UserOptions()).Succeeded);
    }

    private UserDirectory Directory() => new(store, time, new StaticOptionsMonitor(new UserOptions()), logger);

    private sealed class StaticOptionsMonitor(UserOptions value) : IOptionsMonitor<UserOptions>
    {
        public UserOptions CurrentValue => value;

        public UserOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<UserOptions, string?> listener) => null;
    }

    private sealed class CapturingLogger : ILogger<UserDirectory>
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(formatter(state, exception));
    }
}
