using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using OrleansPlatform.Grains.Broadcast;
using OrleansPlatform.Grains.Hosting;
using OrleansPlatform.Silo.Hosting.Applications;
using OrleansPlatform.Silo.Hosting.Clustering;
using OrleansPlatform.Silo.Hosting.Kubernetes;
using OrleansPlatform.Silo.Hosting.Resilience;
using OrleansPlatform.Silo.Hosting.Security;
using OrleansPlatform.Silo.Hosting.Settings;
using OrleansPlatform.Silo.Hosting.Storage;
using OrleansPlatform.Workflows.Applications;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Locks;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Silo.Hosting;

/// <summary>
/// Composes the platform on Orleans. A silo (the Silo executable, or co-hosted in the embedded Gateway): PostgreSQL →
/// Orleans ADO.NET clustering and fenced ADO.NET grain persistence; SQLite (the embedded default) → localhost clustering
/// and ADO.NET persistence in the SQLite file. A cluster client (the Gateway in cluster mode): ADO.NET clustering's
/// gateway list. Both: the cluster-secret handshake on every connection, TLS when a certificate is configured.
/// </summary>
public static class PlatformHostingExtensions
{
    /// <summary>The Orleans ADO.NET invariant of PostgreSQL.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>The Orleans ADO.NET invariant under which Orleans 10 loads Microsoft.Data.Sqlite.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// Registers everything a silo runs. Hosted services start in registration order: the schema is migrated and the
    /// applications' data seeded before the silo joins the cluster, so it never serves (Active) before its data is there.
    /// </summary>
    public static IHostApplicationBuilder AddOrleansPlatformSilo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var (host, database, _) = builder.AddOrleansPlatformServices();
        builder.UseOrleans(silo =>
        {
            var address = IPAddress.Parse(host.Host);
            var siloPort = host.Port == 0 ? FreeTcpPort.On(address) : host.Port;
            var gatewayPort = host.GatewayPort == 0 ? FreeTcpPort.On(address) : host.GatewayPort;
            if (database.Kind == DatabaseProvider.Postgres)
            {
                silo.ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: false);
                silo.UseAdoNetClustering(options => options.Configure<IClusterDatabase>((clustering, db) =>
                    (clustering.Invariant, clustering.ConnectionString) = (PostgresInvariant, db.ConnectionString)));
            }
            else
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, primarySiloEndpoint: null, serviceId: host.ServiceId, clusterId: host.ClusterId);
            }

            silo.AddOrleansPlatform(builder.Configuration);
            silo.AddPlatformKubernetesHosting(builder.Configuration);
            var clustering = database.Kind == DatabaseProvider.Postgres ? "ADO.NET (PostgreSQL)" : "localhost";
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => new CompositionReport(
                services.GetRequiredService<ILogger<CompositionReport>>(), services.GetRequiredService<ILocalSiloDetails>(), clustering,
                siloPort, gatewayPort, services.GetRequiredService<IOptions<TransportOptions>>().Value.CertificatePath is { Length: > 0 }));
            if (host.StandbyGate is { Length: > 0 } gate)
            {
                silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => new StandbyGate(
                    Path.GetFullPath(gate), services.GetRequiredService<ILocalSiloDetails>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<StandbyGate>>()));
            }
        });

        return builder;
    }

    /// <summary>
    /// Everything of the platform on a silo except clustering and endpoints (which the host chooses): cluster and silo
    /// names, grain persistence in the cluster database (fenced on PostgreSQL), the strongly consistent grain directory,
    /// failure detection, collection and messaging options from configuration, the platform's grains, transport
    /// security. Call <see cref="AddOrleansPlatformServices"/> on the host first.
    /// </summary>
    public static ISiloBuilder AddOrleansPlatform(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var host = Read<SiloHostOptions>(configuration, SiloHostOptions.SectionName);
        var database = Read<ClusterDatabaseOptions>(configuration, ClusterDatabaseOptions.SectionName);
        var transport = Read<TransportOptions>(configuration, TransportOptions.SectionName);
        var siloName = string.IsNullOrWhiteSpace(host.SiloName) ? $"{Environment.MachineName}-{Environment.ProcessId}" : host.SiloName;
        silo.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (host.ClusterId, host.ServiceId));
        silo.Configure<SiloOptions>(options => options.SiloName = siloName);

        silo.Services.TryAddSingleton<Orleans.Storage.SystemTextJsonGrainStorageSerializer>();
        if (ClusterDatabaseOptions.TryParseProvider(database.Provider, out var kind) && kind == DatabaseProvider.Postgres)
        {
            silo.Services.TryAddSingleton<StorageFenceDataSource>();
            silo.AddAdoNetGrainStorageAsDefault(options => options.Configure<StorageFenceDataSource, IServiceProvider>((storage, fence, services) =>
            {
                storage.Invariant = PostgresInvariant;
                storage.DataSource = fence.DataSource;
                storage.GrainStorageSerializer = services.GetRequiredService<Orleans.Storage.SystemTextJsonGrainStorageSerializer>();
            }));
        }
        else
        {
            silo.Services.TryAddSingleton<SqlitePragmaDataSource>();
            silo.AddAdoNetGrainStorageAsDefault(options => options.Configure<SqlitePragmaDataSource, IServiceProvider>((storage, pragmas, services) =>
            {
                storage.Invariant = SqliteInvariant;
                storage.DataSource = pragmas;
                storage.GrainStorageSerializer = services.GetRequiredService<Orleans.Storage.SystemTextJsonGrainStorageSerializer>();
            }));
        }

        // Single activation: Orleans' strongly consistent in-cluster directory. After an ungraceful death it holds the
        // dead silo's directory ranges for RangeLeaseDuration; see the README for why 2 s is enough here.
#pragma warning disable ORLEANSEXP003 // Experimental in Orleans 10.4.2; single activation of sessions needs it (README, Cluster semantics).
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        silo.Configure<GrainDirectoryOptions>(options => options.RangeLeaseDuration = TimeSpan.FromSeconds(2));
        silo.Services.AddOptions<GrainDirectoryOptions>().Bind(configuration.GetSection("GrainDirectory")).ValidateOnStart();

        // Bound from configuration and resolved at start-up (ValidateOnStart), so a value that does not parse stops the
        // silo with one line naming it (StartupErrorReporter) before Orleans starts.
        silo.Configure<ClusterMembershipOptions>(MembershipDefaults.Apply);
        silo.Services.AddOptions<ClusterMembershipOptions>().Bind(configuration.GetSection(MembershipDefaults.SectionName)).ValidateOnStart();
        silo.Services.PostConfigure<ClusterMembershipOptions>(options => MembershipDefaults.CapProbeTimeout(options, configuration.GetSection(MembershipDefaults.SectionName)));
        silo.Services.AddOptions<GrainCollectionOptions>().Bind(configuration.GetSection("GrainCollection")).ValidateOnStart();
        silo.Services.AddOptions<SiloMessagingOptions>().Bind(configuration.GetSection("Messaging")).ValidateOnStart();
        WatchdogClock.Apply(silo.Services);

        silo.Services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(DatabaseExceptionTransport.Configure);
        silo.AddOrleansPlatformGrains(configuration);

        // The Orleans Dashboard's silo side (its grain service and profiler); the Gateway serves its pages, behind admin authentication.
        silo.AddDashboard();
        silo.Services.AddOptions<DashboardOptions>().Bind(configuration.GetSection("Dashboard")).ValidateOnStart();
        silo.Services.AddSingleton<IPlatformChangeHandler, SettingsChangeHandler>();

        var tls = LoadCertificate(transport);
        if (tls is not null)
        {
            var authority = LoadAuthority(transport);
            silo.UseTls(tls, options => ClusterCertificate.Configure(options, tls, authority));
        }

        silo.Services.AddOptions<SiloConnectionOptions>().Configure<ClusterSecretHandshake>((connections, handshake) =>
        {
            connections.ConfigureSiloInboundConnection(connection => connection.Use(handshake.Middleware(accepting: true)));
            connections.ConfigureGatewayInboundConnection(connection => connection.Use(handshake.Middleware(accepting: true)));
            connections.ConfigureSiloOutboundConnection(connection => connection.Use(handshake.Middleware(accepting: false)));
        });
        return silo;
    }

    /// <summary>The cluster client's gateway list settings (Orleans' <see cref="GatewayOptions"/>): section <c>GatewayList</c>.</summary>
    public const string GatewayListSection = "GatewayList";

    /// <summary>The default of <c>GatewayList:GatewayListRefreshPeriod</c>: 500 ms.</summary>
    public static readonly TimeSpan DefaultGatewayListRefreshPeriod = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Registers an Orleans cluster client of the platform (the Gateway in cluster mode): it finds the silos in the
    /// cluster database's membership table and keeps trying while none is up. Needs PostgreSQL.
    /// </summary>
    public static IHostApplicationBuilder AddOrleansPlatformClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var (host, database, transport) = builder.AddOrleansPlatformServices(withApplications: false);
        builder.Services.AddOptions<ClusterDatabaseOptions>().Validate(
            options => !ClusterDatabaseOptions.TryParseProvider(options.Provider, out var kind) || kind == DatabaseProvider.Postgres,
            "A cluster client (Gateway:Mode Cluster) needs Database:Provider Postgres: the silos and the Gateway find each other in the PostgreSQL membership table.");

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (host.ClusterId, host.ServiceId));
            if (database.Kind == DatabaseProvider.Postgres)
            {
                client.UseAdoNetClustering(options => options.Configure<IClusterDatabase>((clustering, db) =>
                    (clustering.Invariant, clustering.ConnectionString) = (PostgresInvariant, db.ConnectionString)));
            }

            // Learn about new and dead silos quickly (Orleans' default is a minute). The client keeps sending a session's
            // calls to the gateway silo that hosted it for as long as that silo is in its gateway list, so after a silent
            // silo (frozen, cut off) is declared dead a repeated call waits for this refresh: at 2 s it cost the slowest
            // session a second attempt (bench/README.md, Freeze and partition recovery). One read of a few rows.
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = DefaultGatewayListRefreshPeriod);
            client.Services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayListSection))
                .Validate(options => options.GatewayListRefreshPeriod > TimeSpan.Zero, $"{GatewayListSection}:GatewayListRefreshPeriod must be positive.")
                .ValidateOnStart();
            client.Services.AddOptions<ClientMessagingOptions>().Bind(configuration.GetSection("Messaging")).ValidateOnStart();
            client.Services.AddSingleton<IClientConnectionRetryFilter, RetryForeverConnectionFilter>();
            client.Services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(DatabaseExceptionTransport.Configure);

            var tls = LoadCertificate(transport);
            if (tls is not null)
            {
                var authority = LoadAuthority(transport);
                client.UseTls(tls, options => ClusterCertificate.Configure(options, tls, authority));
            }

            client.AddDashboard();
            client.Services.AddOptions<DashboardOptions>().Bind(configuration.GetSection("Dashboard")).ValidateOnStart();

            client.Services.AddSingleton<ClusterChangeMonitor>();
            client.Services.AddHostedService<SiloDeathWatcher>();
            client.Services.AddOptions<ClientConnectionOptions>().Configure<ClusterSecretHandshake, ClusterChangeMonitor>((connections, handshake, monitor) =>
                connections.ConfigureConnection(connection =>
                {
                    // The connection's pipeline runs for as long as the connection lives: leaving it means it closed.
                    connection.Use(next => async context =>
                    {
                        try
                        {
                            await next(context);
                        }
                        finally
                        {
                            monitor.Signal();
                        }
                    });
                    connection.Use(handshake.Middleware(accepting: false));
                }));
        });

        return builder;
    }

    /// <summary>
    /// The host services every platform process needs, validated at start-up: the platform's options, the cluster
    /// database with every project's migrations (applied at start under a lock), the cluster-secret handshake, and
    /// (for silos) the bundled applications with their data, seeded at start, and the application packages of
    /// <c>Applications:Packages</c>. Returns the options as configured now.
    /// </summary>
    public static (SiloHostOptions Host, ClusterDatabaseOptions Database, TransportOptions Transport) AddOrleansPlatformServices(
        this IHostApplicationBuilder builder, bool withApplications = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddOptions<SiloHostOptions>().Bind(configuration.GetSection(SiloHostOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiloHostOptions>, SiloHostOptionsValidator>());
        services.AddOptions<TransportOptions>().Bind(configuration.GetSection(TransportOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TransportOptions>, TransportOptionsValidator>());
        services.AddPlatformClock();
        services.TryAddSingleton(sp =>
        {
            var transport = sp.GetRequiredService<IOptions<TransportOptions>>().Value;
            return new ClusterSecretHandshake(transport.ClusterSecret ?? string.Empty, transport.HandshakeTimeout, PlatformClock.Get(sp), sp.GetRequiredService<ILogger<ClusterSecretHandshake>>());
        });

        services.AddClusterDatabase();
        services.TryAddSingleton<PlatformSettingsStore>();
        services.TryAddSingleton<PlatformSettingsLayer>();
        services.AddHostedService<SettingsWatcher>();
        services.AddMigrationsFrom(typeof(PlatformHostingExtensions).Assembly);
        services.AddMigrationsFrom(typeof(PlatformGrainsSiloBuilderExtensions).Assembly);
        services.AddMigrationsFrom(typeof(ClusterLockServiceCollectionExtensions).Assembly);
        services.AddMigrationsFrom(typeof(BundledApplicationsServiceCollectionExtensions).Assembly);
        if (withApplications)
        {
            services.AddBundledApplications();
            services.AddConfiguredApplicationPackages(configuration);
        }

        var host = Read<SiloHostOptions>(configuration, SiloHostOptions.SectionName);
        var database = Read<ClusterDatabaseOptions>(configuration, ClusterDatabaseOptions.SectionName);
        var transport = Read<TransportOptions>(configuration, TransportOptions.SectionName);
        if (!ClusterDatabaseOptions.TryParseProvider(database.Provider, out _))
        {
            // Validation at start-up names the bad value; compose as embedded meanwhile.
            database.Provider = ClusterDatabaseOptions.DefaultProvider;
        }

        if (!IPAddress.TryParse(host.Host, out _))
        {
            host.Host = "127.0.0.1";
        }

        host.Port = host.Port is < 0 or > 65535 ? 0 : host.Port;
        host.GatewayPort = host.GatewayPort is < 0 or > 65535 ? 0 : host.GatewayPort;
        return (host, database, transport);
    }

    private static T Read<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var value = new T();
        try
        {
            configuration.GetSection(section).Bind(value);
        }
        catch (InvalidOperationException)
        {
            // A value that does not parse (e.g. Silo:Port=abc) is reported by the options validation at start-up.
        }

        return value;
    }

    // A certificate that cannot be read turns TLS off here; TransportOptionsValidator then stops start-up naming it.
    private static X509Certificate2? LoadCertificate(TransportOptions transport)
    {
        if (string.IsNullOrEmpty(transport.CertificatePath) || !File.Exists(transport.CertificatePath))
        {
            return null;
        }

        try
        {
            return ClusterCertificate.Load(transport);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    // A CA certificate that cannot be read is reported by TransportOptionsValidator at start-up.
    private static X509Certificate2? LoadAuthority(TransportOptions transport)
    {
        try
        {
            return File.Exists(transport.CertificateAuthorityPath) ? ClusterCertificate.LoadAuthority(transport) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    // Says once, when the silo starts, how it was composed (no secrets, no connection strings).
    private sealed class CompositionReport(ILogger<CompositionReport> logger, ILocalSiloDetails silo, string clustering, int siloPort, int gatewayPort, bool tls)
        : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(CompositionReport), ServiceLifecycleStage.First, _ =>
            {
                HostingLog.Composed(logger, silo.Name, silo.ClusterId, clustering, siloPort, gatewayPort, tls ? "on" : "off");
                return Task.CompletedTask;
            });
    }
}
