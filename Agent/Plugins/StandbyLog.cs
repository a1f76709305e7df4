using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Agent.Plugins;

/// <summary>Log messages of silo warm standbys (event ids 8050-8059).</summary>
internal static partial class StandbyLog
{
    [LoggerMessage(EventId = 8050, Level = LogLevel.Information, Message = "{Resource} has a warm standby, pid {Pid}")]
    public static partial void Ready(ILogger logger, string resource, int pid);

    [LoggerMessage(EventId = 8051, Level = LogLevel.Information, Message = "{Resource} starts from its warm standby, pid {Pid}")]
    public static partial void Released(ILogger logger, string resource, int pid);

    [LoggerMessage(EventId = 8052, Level = LogLevel.Warning, Message = "{Resource}'s warm standby (pid {Pid}) exited with code {ExitCode}; another is started in {RetryAfter} at the earliest")]
    public static partial void Exited(ILogger logger, string resource, int pid, int exitCode, TimeSpan retryAfter);

    [LoggerMessage(EventId = 8053, Level = LogLevel.Warning, Message = "{Resource}'s warm standby could not be started")]
    public static partial void StartFailed(ILogger logger, Exception exception, string resource);

    [LoggerMessage(EventId = 8054, Level = LogLevel.Warning, Message = "Stopping the warm standby pid {Pid} failed")]
    public static partial void DisposeFailed(ILogger logger, Exception exception, int pid);
}
