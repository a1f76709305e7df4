using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.AdminAccess;

/// <summary>
/// Checks admin credentials (constant time) and locks an address out after repeated failures, whether they came from the
/// sign-in form or HTTP Basic. Per address, not per account: there is one account, and locking it for everyone would let
/// anyone lock the operators out.
/// </summary>
public sealed partial class AdminSignInGuard(IOptionsMonitor<AdminOptions> options, [FromKeyedServices(PlatformClock.Key)] TimeProvider time, ILogger<AdminSignInGuard> logger)
{
    private readonly ConcurrentDictionary<string, Attempts> attempts = new(StringComparer.Ordinal);

    /// <summary>The outcome of a sign-in attempt.</summary>
    public enum Outcome
    {
        /// <summary>The credentials are the admin's.</summary>
        Accepted,

        /// <summary>Wrong user or password (counted).</summary>
        Refused,

        /// <summary>The address is locked out; the credentials were not even checked.</summary>
        LockedOut,

        /// <summary>No admin password is configured: nobody can sign in.</summary>
        Disabled,
    }

    /// <summary>Checks <paramref name="user"/> and <paramref name="password"/> for a request from <paramref name="address"/>.</summary>
    public Outcome Check(IPAddress? address, string? user, string? password, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var settings = options.CurrentValue;
        if (string.IsNullOrEmpty(settings.Password))
        {
            return Outcome.Disabled;
        }

        var key = address?.ToString() ?? "unknown";
        var now = time.GetUtcNow();
        var state = attempts.GetOrAdd(key, _ => new Attempts());
        lock (state)
        {
            if (state.LockedUntil > now)
            {
                retryAfter = state.LockedUntil - now;
                return Outcome.LockedOut;
            }

            if (Matches(user, AdminOptions.UserName) & Matches(password, settings.Password))
            {
                state.Failures.Clear();
                return Outcome.Accepted;
            }

            state.Failures.RemoveAll(at => now - at > settings.LockoutWindow);
            state.Failures.Add(now);
            if (state.Failures.Count >= settings.LockoutThreshold)
            {
                state.LockedUntil = now + settings.LockoutDuration;
                state.Failures.Clear();
                retryAfter = settings.LockoutDuration;
                LogLockedOut(logger, key, settings.LockoutThreshold, settings.LockoutDuration);
                return Outcome.LockedOut;
            }

            LogRefused(logger, key);
            return Outcome.Refused;
        }
    }

    private static bool Matches(string? given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given ?? string.Empty)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    [LoggerMessage(EventId = 7100, Level = LogLevel.Warning, Message = "Refused an admin sign-in from {Address}")]
    private static partial void LogRefused(ILogger logger, string address);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Locked admin sign-in out for {Address} after {Failures} failures, for {Duration}")]
    private static partial void LogLockedOut(ILogger logger, string address, int failures, TimeSpan duration);

    private sealed class Attempts
    {
        public List<DateTimeOffset> Failures { get; } = [];

        public DateTimeOffset LockedUntil { get; set; }
    }
}
