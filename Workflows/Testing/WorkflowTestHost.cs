using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansPlatform.Grains.Sessions;

namespace OrleansPlatform.Workflows.Testing;

/// <summary>
/// A platform silo in the test process, on a SQLite database in a directory of its own that is deleted on dispose,
/// composed exactly as the Silo executable composes it (engine, registry with validation at start, session grains,
/// per-interaction persistence), with the applications <c>register</c> adds. A definition that fails validation makes
/// <see cref="StartAsync"/> throw with every problem.
/// </summary>
public sealed class WorkflowTestHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly string directory;

    private WorkflowTestHost(IHost host, string directory)
    {
        this.host = host;
        this.directory = directory;
    }

    /// <summary>The silo's services (an application's own services included).</summary>
    public IServiceProvider Services => host.Services;

    /// <summary>
    /// Starts the silo with the applications <paramref name="register"/> adds (e.g. <c>services =&gt; services.AddWorkflowApplication(...)</c>).
    /// <paramref name="settings"/> override configuration keys (<c>Section:Key</c>).
    /// </summary>
    public static async Task<WorkflowTestHost> StartAsync(Action<IServiceCollection> register, IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(register);
        var directory = Path.Combine(Path.GetTempPath(), "oplat-test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Directory.CreateDirectory(directory);
        var all = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(directory, "test.db")}",
            ["Silo:ClusterId"] = "test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)),
            ["Transport:ClusterSecret"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),

            // The bundled catalog's 10,000 demo products are of no use to another application's tests.
            ["Catalog:SeedProducts"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        IHost host;
        try
        {
            host = await InProcessSilo.StartAsync(all, register);
        }
        catch
        {
            TryDelete(directory);
            throw;
        }

        return new WorkflowTestHost(host, directory);
    }

    /// <summary>Starts a session of <paramref name="applicationId"/>, as a browser's first visit does.</summary>
    public async Task<TestSession> StartSessionAsync(string applicationId)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionGrain>(id);
        return new TestSession(grain, await grain.Start(applicationId));
    }

    /// <summary>Stops the silo and deletes its database.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await InProcessSilo.StopAsync(host);
        }
        finally
        {
            TryDelete(directory);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a closing connection; the temp directory is cleaned by the system.
        }
    }
}
