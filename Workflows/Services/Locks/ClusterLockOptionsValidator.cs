using Microsoft.Extensions.Options;

namespace OrleansPlatform.Workflows.Locks;

/// <summary>Rejects lease and retry timings that cannot work, in one message.</summary>
internal sealed class ClusterLockOptionsValidator : IValidateOptions<ClusterLockOptions>
{
    internal static readonly TimeSpan MinLeaseDuration = TimeSpan.FromMilliseconds(100);
    internal static readonly TimeSpan MaxLeaseDuration = TimeSpan.FromDays(1);
    internal static readonly TimeSpan MaxRetryDelayBound = TimeSpan.FromMinutes(1);

    public ValidateOptionsResult Validate(string? name, ClusterLockOptions options)
    {
        var problems = new List<string>(3);
        var section = ClusterLockOptions.SectionName;
        if (options.LeaseDuration < MinLeaseDuration || options.LeaseDuration > MaxLeaseDuration)
        {
            problems.Add($"{section}:{nameof(options.LeaseDuration)} is {options.LeaseDuration}; it must be between {MinLeaseDuration} and {MaxLeaseDuration}.");
        }

        if (options.MinRetryDelay < TimeSpan.FromMilliseconds(1) || options.MinRetryDelay > MaxRetryDelayBound)
        {
            problems.Add($"{section}:{nameof(options.MinRetryDelay)} is {options.MinRetryDelay}; it must be between 1 ms and {MaxRetryDelayBound}.");
        }

        if (options.MaxRetryDelay < options.MinRetryDelay || options.MaxRetryDelay > MaxRetryDelayBound)
        {
            problems.Add($"{section}:{nameof(options.MaxRetryDelay)} is {options.MaxRetryDelay}; it must be at least {nameof(options.MinRetryDelay)} ({options.MinRetryDelay}) and at most {MaxRetryDelayBound}.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(string.Join(" ", problems));
    }
}
