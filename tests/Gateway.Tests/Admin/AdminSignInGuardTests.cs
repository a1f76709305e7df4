using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansPlatform.AdminAccess;

namespace OrleansPlatform.Gateway.Tests.Admin;

public sealed class AdminSignInGuardTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("192.0.2.7");
    private static readonly IPAddress Operator = IPAddress.Parse("192.0.2.8");
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Only_the_admin_with_the_configured_password_is_accepted()
    {
        var guard = Guard(threshold: 10);
        Assert.Equal(AdminSignInGuard.Outcome.Accepted, guard.Check(Operator, "admin", "correct horse battery", out _));
        Assert.Equal(AdminSignInGuard.Outcome.Refused, guard.Check(Operator, "root", "correct horse battery", out _));
        Assert.Equal(AdminSignInGuard.Outcome.Refused, guard.Check(Operator, "admin", "correct horse batter", out _));
        Assert.Equal(AdminSignInGuard.Outcome.Refused, guard.Check(Operator, "admin", null, out _));
    }

    [Fact]
    public void Failures_up_to_the_threshold_lock_the_address_out_for_the_duration_even_for_the_right_password()
    {
        var guard = Guard();
        Assert.Equal(AdminSignInGuard.Outcome.Refused, guard.Check(Attacker, "admin", "guess-1", out _));
        Assert.Equal(AdminSignInGuard.Outcome.Refused, guard.Check(Attacker, "admin", "guess-2", out _));
        Assert.Equal(AdminSignInGuard.Outcome.LockedOut, guard.Check(Attacker, "admin", "guess-3", out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(5), retryAfter);

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(AdminSignInGuard.Outcome.LockedOut, guard.Check(Attacker, "admin", "correct horse battery", out retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(1), retryAfter);

        // Another address is not affected.
        Assert.Equal(AdminSignInGuard.Outcome.Accepted, guard.Check(Operator, "admin", "correct horse battery", out _));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(AdminSignInGuard.Outcome.Accepted, guard.Check(Attacker, "admin", "correct horse battery", out _));
    }

    [Fact]
    public void Failures_older_than_the_window_do_not_count_and_a_success_resets_the_count()
    {
        var guard = Guard();
        guard.Check(Attacker, "admin", "guess-1", out _);
        guard.Check(Attacker, "admin", "guess-2", out _);
        time.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(AdminSignInGuard.Outcome.Refused, guard.Check(Attacker, "admin", "guess-3", out _));
        Assert.Equal(AdminSignInGuard.Outcome.Refused, guard.Check(Attacker, "admin", "guess-4", out _));
        Assert.Equal(AdminSignInGuard.Outcome.Accepted, guard.Check(Attacker, "admin", "correct horse battery", out _));
        Assert.Equal(AdminSignInGuard.Outcome.Refused, guard.Check(Attacker, "admin", "guess-5", out _));
        Assert.Equal(AdminSignInGuard.Outcome.Refused, guard.Check(Attacker, "admin", "guess-6", out _));
    }

    [Fact]
    public void Without_a_configured_password_nobody_is_accepted_and_nobody_is_locked_out()
    {
        var guard = Guard(password: null);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(AdminSignInGuard.Outcome.Disabled, guard.Check(Operator, "admin", string.Empty, out _));
        }
    }

    private AdminSignInGuard Guard(string? password = "correct horse battery", int threshold = 3) =>
        new(
            new StaticOptionsMonitor(new AdminOptions { Password = password, LockoutThreshold = threshold, LockoutWindow = TimeSpan.FromMinutes(15), LockoutDuration = TimeSpan.FromMinutes(5) }),
            time,
            NullLogger<AdminSignInGuard>.Instance);

    private sealed class StaticOptionsMonitor(AdminOptions value) : IOptionsMonitor<AdminOptions>
    {
        public AdminOptions CurrentValue => value;

        public AdminOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<AdminOptions, string?> listener) => null;
    }
}
