namespace OrleansPlatform.Gateway.Users;

/// <summary>The applications' users' log lines (events 7400–7499). A password never appears in one.</summary>
internal static partial class UsersLog
{
    [LoggerMessage(EventId = 7400, Level = LogLevel.Information, Message = "User {User} added (roles: {Roles})")]
    public static partial void Added(ILogger logger, string user, string roles);

    [LoggerMessage(EventId = 7401, Level = LogLevel.Information, Message = "User {User}: disabled set to {Disabled}")]
    public static partial void DisabledChanged(ILogger logger, string user, bool disabled);

    [LoggerMessage(EventId = 7402, Level = LogLevel.Information, Message = "User {User}: roles set to {Roles}")]
    public static partial void RolesChanged(ILogger logger, string user, string roles);

    [LoggerMessage(EventId = 7403, Level = LogLevel.Information, Message = "Sign-in of user {User} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string user, string reason);

    [LoggerMessage(EventId = 7404, Level = LogLevel.Warning, Message = "User {User} locked out for {Duration} after {Failures} failed sign-ins in a row")]
    public static partial void LockedOut(ILogger logger, string user, int failures, TimeSpan duration);
}
