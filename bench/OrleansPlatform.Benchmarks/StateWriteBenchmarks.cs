using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OrleansPlatform.Runtime;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Database.Migrations;
using OrleansPlatform.Runtime.Serialization;
using OrleansPlatform.Runtime.Storage;

namespace OrleansPlatform.Benchmarks;

/// <summary>
/// Writing one ~300-byte JSON state: through <see cref="IGrainStorage.WriteStateAsync"/> of the real ADO.NET grain
/// storage (serialise, open a pooled connection, ETag-checked UPDATE), against a raw Dapper upsert of the same payload
/// into the same <c>grain_state</c> table of the same database over one connection held open for the whole run
/// (configured like the storage's: on SQLite WAL, synchronous=NORMAL, busy_timeout). PostgreSQL: the server named by
/// <see cref="PostgresVariable"/> (bench/run.sh starts a throw-away one); SQLite: a new file in a temp folder.
/// </summary>
public class StateWriteBenchmarks
{
    /// <summary>The environment variable with the PostgreSQL connection string.</summary>
    public const string PostgresVariable = "ORLEANSPLATFORM_BENCH_POSTGRES";

    private const string GrainType = "benchcart";
    private const string StateName = "cart";

    private const string PostgresUpsert =
        "INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version, updated_at) "
        + "VALUES (@GrainType, @GrainKey, @StateName, @Payload::jsonb, 1, now()) "
        + "ON CONFLICT (grain_type, grain_key, state_name) DO UPDATE SET payload = excluded.payload, version = grain_state.version + 1, updated_at = excluded.updated_at";

    private const string SqliteUpsert =
        "INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version, updated_at) "
        + "VALUES (@GrainType, @GrainKey, @StateName, @Payload, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) "
        + "ON CONFLICT (grain_type, grain_key, state_name) DO UPDATE SET payload = excluded.payload, version = grain_state.version + 1, updated_at = excluded.updated_at";

    private readonly BenchGrainState<CartState> _grainState = new() { State = CartState.Sample() };
    private ServiceProvider? _services;
    private IGrainStorage? _storage;
    private DbConnection? _rawConnection;
    private string _upsert = "";
    private string _payload = "";
    private string? _sqliteFolder;
    private GrainId _storageGrain;
    private GrainId _rawGrain;

    [Params("Sqlite", "Postgres")]
    public string Provider { get; set; } = "Sqlite";

    // BenchmarkDotNet 0.14's in-process toolchain does not await a Task-returning setup or cleanup: block here.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        string connectionString;
        if (Provider == "Postgres")
        {
            connectionString = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException(
                    $"The PostgreSQL state-write benchmarks need a PostgreSQL server: {PostgresVariable} is not set. Run bash bench/run.sh, "
                    + $"which starts a throw-away server and sets it, or set {PostgresVariable} to a connection string "
                    + "(e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres) of a database this benchmark may create grain_state in.");
        }
        else
        {
            _sqliteFolder = Path.Combine(Path.GetTempPath(), "orleansplatform-bench-" + RandomNumberGenerator.GetHexString(12, lowercase: true));
            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_sqliteFolder, "cluster.db") }.ConnectionString;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddClusterDatabase(options =>
        {
            options.Provider = Provider;
            options.ConnectionString = connectionString;
        });
        services.AddAdoNetGrainStorage();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
        _storage = _services.GetRequiredKeyedService<IGrainStorage>(AdoNetGrainStorageServiceCollectionExtensions.DefaultStorageName);

        var run = RandomNumberGenerator.GetHexString(12, lowercase: true);
        _storageGrain = new GrainId(GrainType, "storage-" + run);
        _rawGrain = new GrainId(GrainType, "raw-" + run);
        _payload = Encoding.UTF8.GetString(_services.GetRequiredService<IPlatformSerializer>().SerializeToUtf8Bytes(_grainState.State));
        Console.WriteLine($"// {Provider}: state payload is {Encoding.UTF8.GetByteCount(_payload)} bytes of JSON");

        if (Provider == "Postgres")
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            _rawConnection = connection;
            _upsert = PostgresUpsert;
        }
        else
        {
            var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await connection.ExecuteAsync("PRAGMA busy_timeout=10000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            _rawConnection = connection;
            _upsert = SqliteUpsert;
        }

        // First writes insert the rows; the measured ones update them.
        await StorageWrite();
        await RawUpsert();
    }

    private async Task CleanupAsync()
    {
        if (_rawConnection is not null)
        {
            await _rawConnection.ExecuteAsync("DELETE FROM grain_state WHERE grain_type = @GrainType", new { GrainType });
            await _rawConnection.DisposeAsync();
            _rawConnection = null;
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
            _services = null;
        }

        if (_sqliteFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteFolder, recursive: true);
            _sqliteFolder = null;
        }
    }

    [Benchmark(Baseline = true, Description = "Raw Dapper upsert")]
    public Task<int> RawUpsert() => _rawConnection!.ExecuteAsync(
        _upsert, new { GrainType = _rawGrain.Type, GrainKey = _rawGrain.Key, StateName, Payload = _payload });

    [Benchmark(Description = "IGrainStorage.WriteStateAsync")]
    public Task StorageWrite() => _storage!.WriteStateAsync(StateName, _storageGrain, _grainState, CancellationToken.None);
}
