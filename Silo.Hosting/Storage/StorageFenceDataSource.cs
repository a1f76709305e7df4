using System.Data.Common;
using System.Globalization;
using Npgsql;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Silo.Hosting.Storage;

/// <summary>
/// The PostgreSQL connections Orleans' grain persistence uses on this silo. Each carries the silo's identity as session
/// settings (<c>orleansplatform.cluster_id</c>, <c>.silo_address</c>, <c>.silo_port</c>, <c>.silo_generation</c>), which
/// the persistence queries (migration 0003) check against Orleans' membership table in the same statement: a write
/// lands only while this silo incarnation is a live member. A silo that was frozen, declared dead and resumed cannot
/// overwrite what its successor wrote, even holding the current ETag.
/// </summary>
internal sealed class StorageFenceDataSource : IDisposable, IAsyncDisposable
{
    public StorageFenceDataSource(IClusterDatabase database, ILocalSiloDetails silo)
    {
        var address = silo.SiloAddress;
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            ApplicationName = "orleansplatform-silo " + silo.Name,

            // No DISCARD ALL when a connection goes back to the pool: it was one more statement per record write
            // (bench/README.md, issue 10). Nothing here needs it: the only session settings are the startup options
            // below, and Orleans' persistence queries leave no session state behind.
            NoResetOnClose = true,
            Options = string.Join(
                ' ',
                Setting("cluster_id", silo.ClusterId),
                Setting("silo_address", address.Endpoint.Address.ToString()),
                Setting("silo_port", address.Endpoint.Port.ToString(CultureInfo.InvariantCulture)),
                Setting("silo_generation", address.Generation.ToString(CultureInfo.InvariantCulture))),
        };
        DataSource = NpgsqlDataSource.Create(builder);
    }

    public DbDataSource DataSource { get; }

    public void Dispose() => DataSource.Dispose();

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    // Values are validated plain identifiers, addresses and numbers: nothing to escape.
    private static string Setting(string name, string value) => $"-c orleansplatform.{name}={value}";
}
