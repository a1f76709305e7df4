using Microsoft.Extensions.Options;

namespace OrleansPlatform.Grains.Placement;

/// <summary>Validates <see cref="SessionPlacementOptions"/>, naming every bad setting.</summary>
internal sealed class SessionPlacementOptionsValidator : IValidateOptions<SessionPlacementOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionPlacementOptions options)
    {
        var failures = new List<string>();
        if (options.Capacity < 0)
        {
            failures.Add($"Placement:Capacity must be 0 (no limit) or more (got {options.Capacity}).");
        }

        if (!(options.Weight > 0) || double.IsInfinity(options.Weight))
        {
            failures.Add($"Placement:Weight must be a positive number (got {options.Weight}).");
        }

        if (options.WaitTimeout < TimeSpan.Zero || options.WaitTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Placement:WaitTimeout must be between 0 and 5 minutes (got {options.WaitTimeout}).");
        }

        if (options.MaxWaiting < 0)
        {
            failures.Add($"Placement:MaxWaiting must be 0 or more (got {options.MaxWaiting}).");
        }

        if (!(options.AffinityTolerance >= 0 && options.AffinityTolerance <= 10))
        {
            failures.Add($"Placement:AffinityTolerance must be between 0 and 10 (got {options.AffinityTolerance}).");
        }

        if (options.ReservationTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Placement:ReservationTimeout must be positive (got {options.ReservationTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
