using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace OrleansPlatform.Grains.Isolation;

/// <summary>Validates <see cref="IsolationOptions"/>, against Orleans' failure detection too.</summary>
internal sealed class IsolationOptionsValidator(IOptions<ClusterMembershipOptions> membership) : IValidateOptions<IsolationOptions>
{
    public ValidateOptionsResult Validate(string? name, IsolationOptions options)
    {
        var failures = new List<string>();
        if (options.ProbeInterval <= TimeSpan.Zero)
        {
            failures.Add($"Partition:ProbeInterval must be positive (got {options.ProbeInterval}).");
        }

        if (options.ProbeTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Partition:ProbeTimeout must be positive (got {options.ProbeTimeout}).");
        }

        if (options.IsolationTimeout <= options.ProbeInterval)
        {
            failures.Add($"Partition:IsolationTimeout ({options.IsolationTimeout}) must be longer than Partition:ProbeInterval ({options.ProbeInterval}).");
        }

        // A silo cut off must have stopped serving before the others can declare it dead and activate its sessions: the
        // lease runs out at most IsolationTimeout + ProbeTimeout after the last good check.
        var deathDeclaration = membership.Value.ProbeTimeout * membership.Value.NumMissedProbesLimit;
        if (options.IsolationTimeout + options.ProbeTimeout >= deathDeclaration)
        {
            failures.Add($"Partition:IsolationTimeout + Partition:ProbeTimeout ({options.IsolationTimeout + options.ProbeTimeout}) must be shorter than Membership:ProbeTimeout × Membership:NumMissedProbesLimit ({deathDeclaration}), the time Orleans needs to declare a silo dead.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
