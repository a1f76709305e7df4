using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Providers;
using Orleans.Storage;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Benchmarks;

/// <summary>
/// Writing one ~350-byte JSON state through the default <see cref="IGrainStorage"/> of a real platform silo started in
/// this process (Orleans' ADO.NET grain storage as the platform configures it: the System.Text.Json serializer, on
/// PostgreSQL the fenced, ETag-checked write query of migration 0003 on the silo's fenced connections), with the ETag of
/// the previous write kept as an activation keeps it; against a raw Dapper upsert of the same bytes into a scratch table
/// of the same database over one connection held open for the whole run.
/// </summary>
public class StateWriteBenchmarks
{
    private const string StateName = "cart";
    private const string Table = "bench_state_write";

    private const string PostgresUpsert =
        $"INSERT INTO {Table} (grain_key, payload, version, modified_on) VALUES (@Key, @Payload, 1, now() AT TIME ZONE 'utc') "
        + $"ON CONFLICT (grain_key) DO UPDATE SET payload = excluded.payload, version = {Table}.version + 1, modified_on = excluded.modified_on";

    private const string SqliteUpsert =
        $"INSERT INTO {Table} (grain_key, payload, version, modified_on) VALUES (@Key, @Payload, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) "
        + $"ON CONFLICT (grain_key) DO UPDATE SET payload = excluded.payload, version = {Table}.version + 1, modified_on = excluded.modified_on";

    private readonly GrainState<CartState> _grainState = new(CartState.Sample());
    private BenchDatabase? _database;
    private IHost? _silo;
    private IGrainStorage? _storage;
    private DbConnection? _rawConnection;
    private string _upsert = "";
    private byte[] _payload = [];
    private GrainId _grainId;

    [Params("Sqlite", "Postgres")]
    public string Provider { get; set; } = "Sqlite";

    // BenchmarkDotNet 0.14's in-process toolchain does not await a Task-returning setup or cleanup: block here.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _database = await BenchDatabase.CreateAsync(Provider);
        _silo = await PlatformSiloHost.StartAsync(Provider, _database.ConnectionString);
        var services = _silo.Services;
        _storage = services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        _grainId = GrainId.Create("bench-cart", "c-" + Environment.ProcessId);

        // The bytes the storage writes: the serializer the platform gives it.
        _payload = services.GetRequiredService<SystemTextJsonGrainStorageSerializer>().Serialize(_grainState.State).ToArray();
        Console.WriteLine($"// {Provider}: state payload is {_payload.Length} bytes of JSON");

        if (Provider == "Postgres")
        {
            var connection = new NpgsqlConnection(_database.ConnectionString);
            await connection.OpenAsync();
            await connection.ExecuteAsync($"CREATE TABLE {Table} (grain_key text PRIMARY KEY, payload bytea NOT NULL, version integer NOT NULL, modified_on timestamp NOT NULL)");
            _rawConnection = connection;
            _upsert = PostgresUpsert;
        }
        else
        {
            // Opened as the platform opens its own SQLite connections (WAL, synchronous=NORMAL, busy_timeout).
            var connection = await services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(CancellationToken.None);
            await connection.ExecuteAsync($"CREATE TABLE {Table} (grain_key TEXT PRIMARY KEY, payload BLOB NOT NULL, version INTEGER NOT NULL, modified_on TEXT NOT NULL)");
            _rawConnection = connection;
            _upsert = SqliteUpsert;

            // Orleans opens its own connections from the connection string alone, without the platform's pragmas.
            await using var plain = new SqliteConnection(_database.ConnectionString);
            await plain.OpenAsync();
            var synchronous = await plain.ExecuteScalarAsync<int>("PRAGMA synchronous");
            var journal = await plain.ExecuteScalarAsync<string>("PRAGMA journal_mode");
            Console.WriteLine($"// Sqlite: a connection opened from the connection string alone has journal_mode={journal}, synchronous={synchronous} (0 OFF, 1 NORMAL, 2 FULL)");
        }

        // First writes insert the rows; the measured ones update them.
        await StorageWrite();
        await RawUpsert();
    }

    private async Task CleanupAsync()
    {
        if (_rawConnection is not null)
        {
            await _rawConnection.DisposeAsync();
            _rawConnection = null;
        }

        if (_silo is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _silo.StopAsync(timeout.Token);
            _silo.Dispose();
            _silo = null;
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
    }

    [Benchmark(Baseline = true, Description = "Raw Dapper upsert")]
    public Task<int> RawUpsert() => _rawConnection!.ExecuteAsync(_upsert, new { Key = "raw", Payload = _payload });

    [Benchmark(Description = "IGrainStorage.WriteStateAsync")]
    public Task StorageWrite() => _storage!.WriteStateAsync(StateName, _grainId, _grainState);
}
