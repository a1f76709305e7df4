using Microsoft.Extensions.Options;

namespace OrleansPlatform.Agent.Configuration;

/// <summary>
/// The lease must outlast a renewal round, and a frozen node's processes must be dead (watchdog) before its lease ends:
/// otherwise a failover group could run on two nodes.
/// </summary>
internal sealed class FailoverOptionsValidator(IOptions<SupervisionOptions> supervision) : IValidateOptions<FailoverOptions>
{
    private const string Section = FailoverOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, FailoverOptions options)
    {
        var problems = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:PollInterval is {options.PollInterval}; it must be positive.");
        }

        if (options.SafetyMargin <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:SafetyMargin is {options.SafetyMargin}; it must be positive.");
        }

        if (options.LeaseDuration < options.PollInterval * 2 + options.SafetyMargin)
        {
            problems.Add($"{Section}:LeaseDuration ({options.LeaseDuration}) must be at least two {Section}:PollInterval ({options.PollInterval}) plus {Section}:SafetyMargin ({options.SafetyMargin}).");
        }

        var watchdog = supervision.Value.WatchdogTimeout;
        if (watchdog + options.SafetyMargin > options.LeaseDuration)
        {
            problems.Add($"{Section}:LeaseDuration ({options.LeaseDuration}) must exceed {SupervisionOptions.SectionName}:WatchdogTimeout ({watchdog}) plus {Section}:SafetyMargin ({options.SafetyMargin}), so a frozen node's group is down before its lease ends.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
