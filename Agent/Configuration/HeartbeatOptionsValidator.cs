using Microsoft.Extensions.Options;

namespace OrleansPlatform.Agent.Configuration;

/// <summary>A heartbeat must come several times within the time after which a node counts as down.</summary>
internal sealed class HeartbeatOptionsValidator : IValidateOptions<HeartbeatOptions>
{
    public ValidateOptionsResult Validate(string? name, HeartbeatOptions options)
    {
        if (options.Interval <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"{HeartbeatOptions.SectionName}:Interval is {options.Interval}; it must be positive.");
        }

        return options.NodeDownAfter < options.Interval * 2
            ? ValidateOptionsResult.Fail($"{HeartbeatOptions.SectionName}:NodeDownAfter ({options.NodeDownAfter}) must be at least twice {HeartbeatOptions.SectionName}:Interval ({options.Interval}).")
            : ValidateOptionsResult.Success;
    }
}
