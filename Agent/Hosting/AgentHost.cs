using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Agent.Api;
using OrleansPlatform.Agent.Configuration;
using OrleansPlatform.Workflows.Data.Migrations;

namespace OrleansPlatform.Agent.Hosting;

/// <summary>
/// Runs the node agent (<c>oplat agent</c>): a Generic Host with the API on Kestrel. Settings come from, in increasing
/// precedence: the agent's defaults, the configuration file (<c>agent.json</c>), <c>ORLEANSPLATFORM_</c> environment
/// variables (the same <c>Admin:Password</c> and <c>Database:*</c> as every platform process) and
/// <c>--Section:Key value</c> overrides. A configuration that cannot work is one line naming the key, and exit code 2.
/// </summary>
public static class AgentHost
{
    /// <summary>The configuration file read when none is named.</summary>
    public const string DefaultConfigFile = "agent.json";

    /// <summary>Exit code: stopped cleanly.</summary>
    public const int Stopped = 0;

    /// <summary>Exit code: it started but could not run (database unreachable, API port taken).</summary>
    public const int Failed = 1;

    /// <summary>Exit code: bad configuration.</summary>
    public const int InvalidConfiguration = 2;

    private static readonly Dictionary<string, Type> Subsections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Supervision"] = typeof(SupervisionOptions),
        ["Heartbeat"] = typeof(HeartbeatOptions),
        ["Failover"] = typeof(FailoverOptions),
        ["Api"] = typeof(AgentApiOptions),
    };

    /// <summary>
    /// Runs the agent until SIGTERM or Ctrl-C (or <paramref name="cancellationToken"/>). <paramref name="fail"/> gets the
    /// one line that says why it could not start.
    /// </summary>
    /// <remarks>
    /// With <paramref name="checkOnly"/> the configuration is read and validated exactly as for a run (every key, every
    /// resource through its plugin), and the agent exits 0 without starting anything or touching the database: a check
    /// an operator (or a deployment test) runs before installing a machine's <c>agent.json</c>.
    /// </remarks>
    public static async Task<int> RunAsync(string configFile, IReadOnlyList<string> overrides, Action<string> fail, bool checkOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fail);
        WebApplication app;
        try
        {
            app = Build(configFile, overrides);
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (AgentConfigurationException exception)
        {
            fail(exception.Message);
            return InvalidConfiguration;
        }
        catch (OptionsValidationException exception)
        {
            fail("invalid configuration: " + string.Join(" ", exception.Failures));
            return InvalidConfiguration;
        }
        catch (AggregateException exception) when (exception.InnerExceptions.All(e => e is OptionsValidationException))
        {
            fail("invalid configuration: " + string.Join(" ", exception.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)));
            return InvalidConfiguration;
        }
        catch (InvalidOperationException exception) when (exception.InnerException is FormatException or ArgumentException or OverflowException)
        {
            fail($"invalid configuration: {exception.Message} {exception.InnerException.Message}");
            return InvalidConfiguration;
        }

        if (checkOnly)
        {
            await app.DisposeAsync();
            return Stopped;
        }

        await using (app)
        {
            try
            {
                await app.RunAsync(cancellationToken);
                return Stopped;
            }
            catch (SchemaMigrationException exception)
            {
                fail(exception.Message);
                return Failed;
            }
            catch (IOException exception) when (exception.InnerException is SocketException or null)
            {
                fail($"the agent API cannot listen on {app.Services.GetRequiredService<IOptions<AgentApiOptions>>().Value.Url}: {exception.Message}");
                return Failed;
            }
            catch (System.Data.Common.DbException exception)
            {
                fail($"the cluster database cannot be used: {exception.Message}");
                return Failed;
            }
        }
    }

    private static WebApplication Build(string configFile, IReadOnlyList<string> overrides)
    {
        var path = Path.GetFullPath(configFile);
        if (!File.Exists(path))
        {
            throw new AgentConfigurationException($"configuration file {path} does not exist (oplat agent --config <file>)");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Environment.CurrentDirectory });
        var configuration = builder.Configuration;
        configuration.Sources.Clear();
        configuration.AddInMemoryCollection(Defaults);
        try
        {
            configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
        }
        catch (InvalidDataException exception)
        {
            throw new AgentConfigurationException($"{path} is not valid JSON: {exception.InnerException?.Message ?? exception.Message}", exception);
        }

        configuration.AddEnvironmentVariables("ORLEANSPLATFORM_");
        configuration.AddCommandLine([.. overrides]);
        var unknown = UnknownSettings.Find(configuration.GetSection(AgentOptions.SectionName), typeof(AgentOptions), Subsections).ToList();
        if (unknown.Count > 0)
        {
            throw new AgentConfigurationException($"invalid configuration: {string.Join(", ", unknown)} {(unknown.Count == 1 ? "is not a setting" : "are not settings")} of the agent (in {path} or the environment).");
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        var formatter = configuration["Logging:Console:FormatterName"] ?? PrefixedConsoleFormatter.Name;
        builder.Logging.AddConsole(console =>
            {
                // Every line to stderr, as run.sh's own lines always went; stdout stays the processes' own.
                console.LogToStandardErrorThreshold = LogLevel.Trace;
                console.FormatterName = formatter;
            })
            .AddConsoleFormatter<PrefixedConsoleFormatter, PrefixedConsoleFormatterOptions>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout(configuration));
        builder.Services.AddPluginAssemblies(configuration);
        builder.Services.AddNodeAgent(configuration);
        builder.WebHost.UseUrls(configuration[$"{AgentApiOptions.SectionName}:Url"] ?? AgentApiOptions.DefaultUrl);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapAgentApi();
        return app;
    }

    // Enough for every group to stop gracefully (levels stop one after another), and a little more.
    private static TimeSpan ShutdownTimeout(IConfiguration configuration)
    {
        var supervision = new SupervisionOptions();
        configuration.GetSection(SupervisionOptions.SectionName).Bind(supervision);
        return supervision.StopTimeout * 3 + TimeSpan.FromSeconds(10);
    }

    private static Dictionary<string, string?> Defaults => new(StringComparer.Ordinal)
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",

        // The API keeps no cookies or tokens; data protection's key ring warnings do not apply to it.
        ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",

        // Refused credentials are logged once by the sign-in guard (event 7100); the handler would add three lines.
        ["Logging:LogLevel:OrleansPlatform.AdminAccess.AdminBasicAuthenticationHandler"] = "Warning",
    };
}
