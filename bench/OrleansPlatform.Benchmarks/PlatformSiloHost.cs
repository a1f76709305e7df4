using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Silo.Hosting;

namespace OrleansPlatform.Benchmarks;

/// <summary>
/// A platform silo in this process, composed exactly as the Silo executable composes it (<c>AddOrleansPlatformSilo</c>):
/// SQLite gives the embedded deployment, PostgreSQL a one-silo cluster on ADO.NET clustering with fenced persistence.
/// </summary>
internal static class PlatformSiloHost
{
    public static async Task<IHost> StartAsync(string provider, string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = connectionString,
            ["Silo:ClusterId"] = "bench" + RandomNumberGenerator.GetHexString(10, lowercase: true),
            ["Transport:ClusterSecret"] = RandomNumberGenerator.GetHexString(32, lowercase: true),

            // The catalog is not used here; seeding it would only lengthen the start.
            ["Catalog:SeedProducts"] = "0",
        });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddOrleansPlatformSilo();
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }
}
