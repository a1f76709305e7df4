using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using OrleansPlatform.Workflows.Testing;

namespace OrleansPlatform.Benchmarks;

/// <summary>
/// A platform silo in this process, composed exactly as the Silo executable composes it (<c>AddOrleansPlatformSilo</c>):
/// SQLite gives the embedded deployment, PostgreSQL a one-silo cluster on ADO.NET clustering with fenced persistence.
/// </summary>
internal static class PlatformSiloHost
{
    public static Task<IHost> StartAsync(string provider, string connectionString) =>
        InProcessSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = connectionString,
            ["Silo:ClusterId"] = "bench" + RandomNumberGenerator.GetHexString(10, lowercase: true),
            ["Transport:ClusterSecret"] = RandomNumberGenerator.GetHexString(32, lowercase: true),

            // The catalog is not used here; seeding it would only lengthen the start.
            ["Catalog:SeedProducts"] = "0",
        });
}
