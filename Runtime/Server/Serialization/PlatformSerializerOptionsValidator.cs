using Microsoft.Extensions.Options;

namespace OrleansPlatform.Runtime.Serialization;

/// <summary>Rejects a resolver chain that contains null entries.</summary>
internal sealed class PlatformSerializerOptionsValidator : IValidateOptions<PlatformSerializerOptions>
{
    public ValidateOptionsResult Validate(string? name, PlatformSerializerOptions options)
    {
        return options.TypeInfoResolvers.Any(resolver => resolver is null)
            ? ValidateOptionsResult.Fail($"{nameof(PlatformSerializerOptions)}.{nameof(PlatformSerializerOptions.TypeInfoResolvers)} contains a null entry.")
            : ValidateOptionsResult.Success;
    }
}
