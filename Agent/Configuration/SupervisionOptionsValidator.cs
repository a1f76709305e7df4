using Microsoft.Extensions.Options;

namespace OrleansPlatform.Agent.Configuration;

/// <summary>Rejects supervision timings that cannot work; every problem names its key.</summary>
internal sealed class SupervisionOptionsValidator : IValidateOptions<SupervisionOptions>
{
    private const string Section = SupervisionOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SupervisionOptions options)
    {
        var problems = new List<string>();
        Positive(problems, nameof(options.MonitorInterval), options.MonitorInterval);
        Positive(problems, nameof(options.MonitorTimeout), options.MonitorTimeout);
        Positive(problems, nameof(options.StartTimeout), options.StartTimeout);
        Positive(problems, nameof(options.StopTimeout), options.StopTimeout);
        Positive(problems, nameof(options.InitialBackoff), options.InitialBackoff);
        Positive(problems, nameof(options.WatchdogFeedInterval), options.WatchdogFeedInterval);
        if (options.MaxBackoff < options.InitialBackoff)
        {
            problems.Add($"{Section}:MaxBackoff ({options.MaxBackoff}) is shorter than {Section}:InitialBackoff ({options.InitialBackoff}).");
        }

        if (options.FailedChecksToRestart < 1)
        {
            problems.Add($"{Section}:FailedChecksToRestart is {options.FailedChecksToRestart}; it must be at least 1.");
        }

        if (options.CrashLoopFailures < 1)
        {
            problems.Add($"{Section}:CrashLoopFailures is {options.CrashLoopFailures}; it must be at least 1.");
        }

        Positive(problems, nameof(options.CrashLoopWindow), options.CrashLoopWindow);
        if (options.WatchdogTimeout < options.WatchdogFeedInterval * 4)
        {
            problems.Add($"{Section}:WatchdogTimeout ({options.WatchdogTimeout}) must be at least four {Section}:WatchdogFeedInterval ({options.WatchdogFeedInterval}), or a busy moment kills every process.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Positive(List<string> problems, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:{key} is {value}; it must be positive.");
        }
    }
}
