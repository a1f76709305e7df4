using System.Globalization;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Gateway.Users.SignIn;

/// <summary>
/// What a refused sign-in is told: the same words for an unknown name, a wrong password and a locked name (so nobody
/// learns which names exist or guesses on during a lockout), naming the lockout rule; a disabled user is told so only
/// after giving the right password.
/// </summary>
internal static class SignInMessages
{
    public const string DisabledDetail = "This user is disabled; ask an administrator.";

    public static string RefusedDetail(UserOptions options) => string.Create(
        CultureInfo.InvariantCulture,
        $"Wrong user name or password. After {options.LockoutThreshold} failed sign-ins in a row a user name is locked for {Minutes(options.LockoutDuration)} minute(s); try again later.");

    public static string RefusedDetail(IOptionsMonitor<UserOptions> options) => RefusedDetail(options.CurrentValue);

    private static int Minutes(TimeSpan duration) => Math.Max(1, (int)Math.Ceiling(duration.TotalMinutes));
}
