using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Agent.Supervision;

/// <summary>
/// Log messages of resource supervision (event ids 8010-8029). The restart and clean-stop lines keep the wording run.sh
/// has always printed ("silo-2 (pid 4242) exited with code 137; restarting it in 1 s").
/// </summary>
internal static partial class SupervisionLog
{
    [LoggerMessage(EventId = 8010, Level = LogLevel.Debug, Message = "{Resource}: {From} -> {To} {Reason}")]
    public static partial void Transition(ILogger logger, string resource, ResourceState from, ResourceState to, string reason);

    [LoggerMessage(EventId = 8011, Level = LogLevel.Information, Message = "{Resource} ({Description}) started, pid {Pid}")]
    public static partial void Started(ILogger logger, string resource, string description, int? pid);

    [LoggerMessage(EventId = 8012, Level = LogLevel.Warning, Message = "{Resource} (pid {Pid}) exited with code {ExitCode}; restarting it in {Delay}")]
    public static partial void ExitedRestarting(ILogger logger, string resource, int? pid, int exitCode, string delay);

    [LoggerMessage(EventId = 8013, Level = LogLevel.Warning, Message = "{Resource} (pid {Pid}) failed: {Reason}; restarting it in {Delay}")]
    public static partial void FailedRestarting(ILogger logger, string resource, int? pid, string reason, string delay);

    [LoggerMessage(EventId = 8014, Level = LogLevel.Warning, Message = "{Resource} (pid {Pid}) stopped cleanly ({Meaning}); not restarting it")]
    public static partial void StoppedCleanly(ILogger logger, string resource, int? pid, string meaning);

    [LoggerMessage(EventId = 8015, Level = LogLevel.Error, Message = "{Resource} failed {Failures} times within {Window}: a crash loop; it stays failed until 'oplat resources start {Resource}'")]
    public static partial void CrashLoop(ILogger logger, string resource, int failures, TimeSpan window);

    [LoggerMessage(EventId = 8016, Level = LogLevel.Warning, Message = "{Resource} could not be started: {Reason}")]
    public static partial void StartFailed(ILogger logger, Exception exception, string resource, string reason);

    [LoggerMessage(EventId = 8017, Level = LogLevel.Information, Message = "{Resource} is healthy{Detail}")]
    public static partial void Healthy(ILogger logger, string resource, string detail);

    [LoggerMessage(EventId = 8018, Level = LogLevel.Warning, Message = "{Resource} was killed: {Reason}")]
    public static partial void Killed(ILogger logger, string resource, string reason);

    [LoggerMessage(EventId = 8019, Level = LogLevel.Warning, Message = "Recording resource transitions failed; {Pending} wait for the database")]
    public static partial void RecordingFailed(ILogger logger, Exception exception, int pending);
}
