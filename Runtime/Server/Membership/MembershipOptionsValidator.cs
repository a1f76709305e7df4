using Microsoft.Extensions.Options;

namespace OrleansPlatform.Runtime.Membership;

/// <summary>Rejects membership timings that cannot work, naming each setting in one message.</summary>
internal sealed class MembershipOptionsValidator : IValidateOptions<MembershipOptions>
{
    public ValidateOptionsResult Validate(string? name, MembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Positive(failures, nameof(options.HeartbeatInterval), options.HeartbeatInterval);
        Positive(failures, nameof(options.LeaseDuration), options.LeaseDuration);
        Positive(failures, nameof(options.DeathTimeout), options.DeathTimeout);
        Positive(failures, nameof(options.RefreshInterval), options.RefreshInterval);
        Positive(failures, nameof(options.ProbeInterval), options.ProbeInterval);
        Positive(failures, nameof(options.ProbeTimeout), options.ProbeTimeout);
        Positive(failures, nameof(options.DefunctRowRetention), options.DefunctRowRetention);
        if (options.LeaseDuration >= options.DeathTimeout)
        {
            failures.Add(
                $"Membership:LeaseDuration ({options.LeaseDuration}) must be shorter than Membership:DeathTimeout ({options.DeathTimeout}): "
                + "a silo must stop serving before the others may declare it dead.");
        }

        if (options.HeartbeatInterval >= options.LeaseDuration / 2)
        {
            failures.Add(
                $"Membership:HeartbeatInterval ({options.HeartbeatInterval}) must be shorter than half of Membership:LeaseDuration ({options.LeaseDuration}), "
                + "so that one missed heartbeat does not cost the lease.");
        }

        if (options.MissedProbesForSuspicion < 1)
        {
            failures.Add($"Membership:MissedProbesForSuspicion must be at least 1 (was {options.MissedProbesForSuspicion}).");
        }

        if (options.VotesForDeath < 1)
        {
            failures.Add($"Membership:VotesForDeath must be at least 1 (was {options.VotesForDeath}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"Membership:{name} must be positive (was {value}).");
        }
    }
}
