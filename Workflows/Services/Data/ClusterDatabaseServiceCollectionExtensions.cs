using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Workflows.Data.Migrations;

namespace OrleansPlatform.Workflows.Data;

/// <summary>Registers the cluster database and the migrations of the projects that own tables in it.</summary>
public static class ClusterDatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IClusterDatabase"/> (the provider chosen by <see cref="ClusterDatabaseOptions.Provider"/>),
    /// <see cref="ISchemaMigrator"/>, and a hosted service that migrates the schema at start-up (before the hosted
    /// services registered after this call). Options bind from the section <c>Database</c> when the host has
    /// configuration, then <paramref name="configure"/> applies; they are validated at start-up. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddClusterDatabase(this IServiceCollection services, Action<ClusterDatabaseOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        var options = services.AddOptions<ClusterDatabaseOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ClusterDatabaseOptions>, ClusterDatabaseOptionsBinder>());
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterDatabaseOptions>, ClusterDatabaseOptionsValidator>());
        services.TryAddSingleton(CreateDatabase);
        services.TryAddSingleton<ISchemaMigrator, SchemaMigrator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SchemaMigrationHostedService>());
        return services;
    }

    /// <summary>Adds the migrations embedded in <paramref name="assembly"/> (resources <c>sql/{provider}/NNNN_name.sql</c>).</summary>
    public static IServiceCollection AddMigrationsFrom(this IServiceCollection services, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(assembly);
        if (!services.Any(d => d.ServiceType == typeof(IMigrationSource) && d.ImplementationInstance is EmbeddedMigrationSource source && source.ToString() == assembly.GetName().Name))
        {
            services.AddSingleton<IMigrationSource>(new EmbeddedMigrationSource(assembly));
        }

        return services;
    }

    /// <summary>A cluster database outside dependency injection (e.g. for a configuration provider that runs before the host exists).</summary>
    public static IClusterDatabase Create(ClusterDatabaseOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        return options.Kind switch
        {
            DatabaseProvider.Sqlite => new SqliteClusterDatabase(options.ConnectionString, loggers.CreateLogger<SqliteClusterDatabase>()),
            DatabaseProvider.Postgres => new PostgresClusterDatabase(options.ConnectionString, loggers.CreateLogger<PostgresClusterDatabase>()),
            _ => throw new InvalidOperationException($"Unknown database provider '{options.Provider}'."),
        };
    }

    private static IClusterDatabase CreateDatabase(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<ClusterDatabaseOptions>>().Value;
        var loggers = provider.GetRequiredService<ILoggerFactory>();
        return options.Kind switch
        {
            DatabaseProvider.Sqlite => new SqliteClusterDatabase(options.ConnectionString, loggers.CreateLogger<SqliteClusterDatabase>()),
            DatabaseProvider.Postgres => new PostgresClusterDatabase(options.ConnectionString, loggers.CreateLogger<PostgresClusterDatabase>()),
            _ => throw new InvalidOperationException($"Unknown database provider '{options.Provider}'."),
        };
    }
}
