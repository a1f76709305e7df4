using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Runtime.Catalog;

namespace OrleansPlatform.Runtime.Hosting;

internal sealed class SiloBuilder(IServiceCollection services) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;

    public ISiloBuilder AddGrain<TGrain>()
        where TGrain : Grain
    {
        Services.AddSingleton(new GrainClassRegistration(typeof(TGrain)));
        return this;
    }

    public ISiloBuilder AddGrainsFromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in assembly.GetTypes())
        {
            if (typeof(Grain).IsAssignableFrom(type) && !type.IsAbstract && !type.IsGenericTypeDefinition && type.IsPublic)
            {
                Services.AddSingleton(new GrainClassRegistration(type));
            }
        }

        return this;
    }
}
