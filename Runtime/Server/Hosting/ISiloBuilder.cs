using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansPlatform.Runtime.Hosting;

/// <summary>Configures the grain runtime of a silo: which grain classes it hosts.</summary>
public interface ISiloBuilder
{
    /// <summary>The silo's services.</summary>
    IServiceCollection Services { get; }

    /// <summary>Hosts grain class <typeparamref name="TGrain"/>.</summary>
    ISiloBuilder AddGrain<TGrain>()
        where TGrain : Grain;

    /// <summary>Hosts every concrete grain class of <paramref name="assembly"/>.</summary>
    ISiloBuilder AddGrainsFromAssembly(Assembly assembly);
}
