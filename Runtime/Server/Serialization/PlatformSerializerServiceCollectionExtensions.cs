using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Runtime.Serialization;

/// <summary>Registers the platform serializer.</summary>
public static class PlatformSerializerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPlatformSerializer"/> (System.Text.Json) as a singleton. Safe to call more than once;
    /// each <paramref name="configure"/> is applied, e.g. to add source-generated contexts to the resolver chain.
    /// </summary>
    public static IServiceCollection AddPlatformSerializer(this IServiceCollection services, Action<PlatformSerializerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PlatformSerializerOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlatformSerializerOptions>, PlatformSerializerOptionsValidator>());
        services.TryAddSingleton<IPlatformSerializer, JsonPlatformSerializer>();
        return services;
    }
}
