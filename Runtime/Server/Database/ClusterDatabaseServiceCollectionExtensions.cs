using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Database.Migrations;

namespace OrleansPlatform.Runtime.Database;

/// <summary>Registers the cluster database.</summary>
public static class ClusterDatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IClusterDatabase"/> (the provider chosen by <see cref="ClusterDatabaseOptions.Provider"/>),
    /// <see cref="ISchemaMigrator"/>, and a hosted service that migrates the schema at start-up. Options are bound from
    /// the configuration section <c>Database</c> (when an <c>IConfiguration</c> is registered), then
    /// <paramref name="configure"/> is applied, and they are validated at start-up. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddClusterDatabase(this IServiceCollection services, Action<ClusterDatabaseOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        var options = services.AddOptions<ClusterDatabaseOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ClusterDatabaseOptions>, ClusterDatabaseConfigurationBinder>());
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterDatabaseOptions>, ClusterDatabaseOptionsValidator>());
        services.TryAddSingleton(CreateDatabase);
        services.TryAddSingleton<ISchemaMigrator>(provider =>
        {
            var database = provider.GetRequiredService<IClusterDatabase>();
            return new SchemaMigrator(database, EmbeddedMigrationScripts.Load(database.Provider), provider.GetRequiredService<ILogger<SchemaMigrator>>());
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SchemaMigrationHostedService>());
        return services;
    }

    private static IClusterDatabase CreateDatabase(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<ClusterDatabaseOptions>>().Value;
        if (!ClusterDatabaseOptions.TryParseProvider(options.Provider, out var kind))
        {
            // Unreachable after validation; kept so a misuse cannot pick a provider silently.
            throw new OptionsValidationException(nameof(ClusterDatabaseOptions), typeof(ClusterDatabaseOptions), [$"Unknown database provider '{options.Provider}'."]);
        }

        var loggers = provider.GetRequiredService<ILoggerFactory>();
        return kind switch
        {
            DatabaseProvider.Sqlite => new SqliteClusterDatabase(options.ConnectionString, loggers.CreateLogger<SqliteClusterDatabase>()),
            DatabaseProvider.Postgres => new PostgresClusterDatabase(options.ConnectionString, loggers.CreateLogger<PostgresClusterDatabase>()),
            _ => throw new InvalidOperationException($"Unknown database provider '{options.Provider}'."),
        };
    }
}
