using Microsoft.Extensions.Options;

namespace OrleansPlatform.Runtime.Placement;

internal sealed class PlacementOptionsValidator : IValidateOptions<PlacementOptions>
{
    private static readonly string[] s_strategies =
        [PlacementStrategyNames.Random, PlacementStrategyNames.PreferLocal, PlacementStrategyNames.Hash, PlacementStrategyNames.LeastLoaded];

    public ValidateOptionsResult Validate(string? name, PlacementOptions options)
    {
        var failures = new List<string>();
        if (!(options.Weight > 0) || double.IsInfinity(options.Weight))
        {
            failures.Add($"Placement:Weight must be a positive number (was {options.Weight}).");
        }

        if (options.Capacity < 0)
        {
            failures.Add($"Placement:Capacity must be 0 (unlimited) or positive (was {options.Capacity}).");
        }

        if (options.WaitTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Placement:WaitTimeout must be positive (was {options.WaitTimeout}).");
        }

        if (options.MaxWaiting < 0)
        {
            failures.Add($"Placement:MaxWaiting must not be negative (was {options.MaxWaiting}).");
        }

        if (!s_strategies.Contains(options.DefaultStrategy, StringComparer.Ordinal))
        {
            failures.Add($"Placement:DefaultStrategy '{options.DefaultStrategy}' is unknown; use one of {string.Join(", ", s_strategies)}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
