using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Applications;
using OrleansPlatform.Workflows.Applications.Catalog;
using OrleansPlatform.Workflows.Applications.CatalogSearch;
using OrleansPlatform.Workflows.Pools;
using OrleansPlatform.Workflows.References;

namespace OrleansPlatform.ClusterBench;

/// <summary>
/// Session interactions inside the cluster, with write-through persistence (the catalog-search application's
/// durability): sequential latency of <see cref="ISessionGrain.Interact"/> from the cluster client (search "router",
/// then next/next/prev/prev), interleaved call by call with a raw Dapper upsert of the same record bytes (read from
/// <c>OrleansStorage.PayloadBinary</c>) into a scratch table of the same shape in the same database (baseline); then
/// both with N workers in parallel for a fixed time; then the size of the
/// stored record at page 2 against the same pools serialized in full, computed as tests/Workflows.Tests does
/// (<c>The_record_at_page_two_is_small_because_it_holds_logical_references</c>).
/// </summary>
internal static class SessionsBenchmark
{
    private const string ScratchTable = "clusterbench_session_storage";

    // A scratch copy of Orleans' storage table: same columns, same unique index (LIKE ... INCLUDING ALL).
    private const string CreateScratch = $"CREATE TABLE IF NOT EXISTS {ScratchTable} (LIKE OrleansStorage INCLUDING ALL)";

    // The baseline: an upsert of the stored record's bytes into the scratch table on the same unique key the storage
    // uses; no ETag check, no membership fence, one statement.
    private const string Upsert =
        $"INSERT INTO {ScratchTable} (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version) "
        + "VALUES (@N0, @N0, 0, 0, 'session', NULL, 'clusterbench', @Payload, now() AT TIME ZONE 'utc', 1) "
        + "ON CONFLICT (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, ServiceId, (coalesce(GrainIdExtensionString, ''))) "
        + $"DO UPDATE SET PayloadBinary = excluded.PayloadBinary, ModifiedOn = excluded.ModifiedOn, Version = {ScratchTable}.Version + 1";

    // A session id is 32 hex digits, which Orleans' ADO.NET storage keeps as a GUID key: GrainIdN0/N1 are its two halves
    // (the grain_state view turns them back into the id).
    private const string StoredRecordQuery =
        "SELECT PayloadBinary AS Payload, octet_length(PayloadBinary) AS Bytes, pg_column_size(PayloadBinary) AS ColumnBytes "
        + "FROM OrleansStorage WHERE GrainTypeString = 'session' AND GrainIdN0 = @N0 AND GrainIdN1 = @N1 AND GrainIdExtensionString IS NULL";

    // After the search: page 1 → 2 → 3 → 2 → 1 → 2 ... (router has ≥ 40 matches, 5 per page).
    private static readonly string[] Cycle = ["next", "next", "prev", "prev"];

    private static readonly IReadOnlyDictionary<string, string?> NoInputs = new Dictionary<string, string?>();

    public static async Task RunAsync(BenchSettings settings, Report report, CancellationToken cancellationToken)
    {
        var calls = settings.Int("calls", 2000);
        var warmup = settings.Int("warmup", 200);
        var sequentialSessions = settings.Int("sessions", 4);
        var concurrency = settings.Int("concurrency", 64);
        var warmupSeconds = TimeSpan.FromSeconds(settings.Int("warmup-s", 2));
        var seconds = TimeSpan.FromSeconds(settings.Int("seconds", 10));

        Report.Progress("sessions: starting 2 silos");
        var started = Stopwatch.StartNew();
        await using var cluster = await BenchCluster.StartAsync(settings, silos: 2, siloSettings: null, cancellationToken).ConfigureAwait(false);
        var products = await WaitForProductsAsync(settings.Postgres, cancellationToken).ConfigureAwait(false);
        var startup = started.Elapsed;

        // The record of a catalog-search session at page 2, as stored: the baseline writes exactly these bytes.
        Report.Progress("sessions: a session at page 2");
        var pageTwo = await StartAtPageTwoAsync(cluster, cancellationToken).ConfigureAwait(false);
        var stored = await ReadRecordAsync(settings.Postgres, pageTwo, cancellationToken).ConfigureAwait(false);
        var recordJson = stored.Compact;
        var payload = stored.Payload;

        // Sequential, interleaved: each round times one interaction (sessions taken round-robin) and one raw upsert.
        Report.Progress($"sessions: sequential ({warmup} + {calls} rounds)");
        var sessions = new SessionDriver[sequentialSessions];
        for (var i = 0; i < sessions.Length; i++)
        {
            sessions[i] = await SessionDriver.StartAsync(cluster).ConfigureAwait(false);
        }

        await using var upsertConnection = new NpgsqlConnection(settings.Postgres);
        await upsertConnection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await upsertConnection.ExecuteAsync(CreateScratch).ConfigureAwait(false);
        const long sequentialKey = -1;
        var grainSamples = new long[calls];
        var rawSamples = new long[calls];
        for (var round = -warmup; round < calls; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var session = sessions[(round + warmup) % sessions.Length];
            var start = Stopwatch.GetTimestamp();
            await session.NextAsync().ConfigureAwait(false);
            var grainTicks = Stopwatch.GetTimestamp() - start;

            start = Stopwatch.GetTimestamp();
            await upsertConnection.ExecuteAsync(new CommandDefinition(Upsert, new { N0 = sequentialKey, Payload = payload }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var rawTicks = Stopwatch.GetTimestamp() - start;
            if (round >= 0)
            {
                grainSamples[round] = grainTicks;
                rawSamples[round] = rawTicks;
            }
        }

        // Concurrent: one session (or one row and one open connection) per worker.
        Report.Progress($"sessions: {concurrency} sessions in parallel");
        var drivers = new SessionDriver[concurrency];
        await Parallel.ForEachAsync(Enumerable.Range(0, concurrency), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, _) =>
            drivers[i] = await SessionDriver.StartAsync(cluster).ConfigureAwait(false)).ConfigureAwait(false);
        var grainConcurrent = await WorkerResult.RunAsync(concurrency, i => drivers[i].NextAsync(), warmupSeconds, seconds, cancellationToken).ConfigureAwait(false);

        Report.Progress($"sessions: {concurrency} raw upserts in parallel");
        var connections = new NpgsqlConnection[concurrency];
        try
        {
            for (var i = 0; i < concurrency; i++)
            {
                connections[i] = new NpgsqlConnection(settings.Postgres);
                await connections[i].OpenAsync(cancellationToken).ConfigureAwait(false);
            }

            var rawConcurrent = await WorkerResult.RunAsync(
                concurrency,
                i => connections[i].ExecuteAsync(new CommandDefinition(Upsert, new { N0 = (long)i, Payload = payload }, cancellationToken: cancellationToken)),
                warmupSeconds,
                seconds,
                cancellationToken).ConfigureAwait(false);

            // Record size: the same pools in full, decoded from the stored record by the workflow services.
            Report.Progress("sessions: record size");
            var size = await MeasureSizeAsync(settings.Postgres, stored, cancellationToken).ConfigureAwait(false);

            var grainSeq = LatencySummary.Of(grainSamples);
            var rawSeq = LatencySummary.Of(rawSamples);
            report.Line($"### sessions: catalog-search interactions inside the cluster (write-through) vs a raw upsert of the same record");
            report.Line();
            report.Line($"Cluster {cluster.ClusterId}: 2 silo processes, Active and {products} products seeded in {startup.TotalSeconds:0.0} s. "
                + $"Interactions: `ISessionGrain.Interact` from the cluster client, search \"router\" then next/next/prev/prev (pages 1→2→3→2→1...), "
                + $"each reply after the record was written (Orleans' ADO.NET storage: the fenced, ETag-checked write of migration 0003). "
                + $"Baseline: `{Upsert}` of the page-2 record's stored bytes ({payload.Length} B) over an open connection, into `{ScratchTable}` (LIKE OrleansStorage INCLUDING ALL).");
            report.Line();
            report.Line($"**Sequential** ({calls} interactions on {sequentialSessions} sessions after {warmup} warm-up; each round one interaction then one upsert)");
            report.Line();
            report.Line("| Case | p50 µs | p99 µs | mean µs | max µs | p50 ratio | p99 ratio | mean ratio |");
            report.Line("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (name, l) in new[] { ("Raw Dapper upsert (baseline)", rawSeq), ("Session interaction", grainSeq) })
            {
                report.Line($"| {name} | {Report.F(l.P50Us)} | {Report.F(l.P99Us)} | {Report.F(l.MeanUs)} | {Report.F(l.MaxUs, "0")} | {Report.F(l.P50Us / rawSeq.P50Us)}× | {Report.F(l.P99Us / rawSeq.P99Us)}× | {Report.F(l.MeanUs / rawSeq.MeanUs)}× |");
            }

            report.Line();
            report.Line($"**Concurrent** ({concurrency} workers, {seconds.TotalSeconds:0} s measured after {warmupSeconds.TotalSeconds:0} s warm-up; one session, or one row and connection, per worker)");
            report.Line();
            report.Line("| Case | ops/s | ratio to baseline | p50 µs | p99 µs | errors |");
            report.Line("|---|---:|---:|---:|---:|---:|");
            foreach (var (name, r) in new[] { ("Raw Dapper upsert (baseline)", rawConcurrent), ("Session interactions", grainConcurrent) })
            {
                report.Line($"| {name} | {Report.F(r.CallsPerSecond, "N0")} | {Report.F(r.CallsPerSecond / rawConcurrent.CallsPerSecond, "0.00")}× | {Report.F(r.Latency.P50Us, "0")} | {Report.F(r.Latency.P99Us, "0")} | {r.Errors}{(r.FirstError is null ? string.Empty : $" ({r.FirstError})")} |");
            }

            report.Line();
            report.Line("**Record size** (catalog-search session at page 2 of \"router\", read from grain_state)");
            report.Line();
            report.Line("| What | bytes | full ÷ canonical |");
            report.Line("|---|---:|---:|");
            report.Line($"| Stored record, compact JSON (what the grain writes) | {size.RecordBytes} | {Report.F((double)size.FullRecordBytes / size.RecordBytes, "0.0")}× (record with full pools) |");
            report.Line($"| — as stored (`octet_length(PayloadBinary)`, UTF-8 JSON as the storage serializer wrote it) | {stored.Payload.Length} | |");
            report.Line($"| — on disk (`pg_column_size(PayloadBinary)`) | {stored.ColumnBytes} | |");
            report.Line($"| Its pools (logical references) | {size.PoolsBytes} | {Report.F((double)size.FullPoolsBytes / size.PoolsBytes, "0.0")}× (pools in full) |");
            report.Line($"| Same pools in full (the page's {size.Items} products as rows; as tests/Workflows.Tests computes it) | {size.FullPoolsBytes} | |");
            report.Line($"| Record with the pools in full | {size.FullRecordBytes} | |");
            report.Line($"| One product row in full (mean over the page) | {Report.F(size.MeanProductBytes, "0")} | |");
            report.Line();
            report.Line($"Record at page 2: `{recordJson}`");
            report.Line();
            report.Line($"Page-2 products in full: `{size.ItemsJson}`");
            report.Line();
        }
        finally
        {
            foreach (var connection in connections)
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }

            await DropScratchTableAsync(settings.Postgres).ConfigureAwait(false);
        }
    }

    private static async Task<string> StartAtPageTwoAsync(BenchCluster cluster, CancellationToken cancellationToken)
    {
        var id = SessionDriver.NewSessionId();
        var session = cluster.Client.GetGrain<ISessionGrain>(id);
        await session.Start(CatalogSearchApplication.Id).ConfigureAwait(false);
        await session.Interact(new SessionAction("search", new Dictionary<string, string?> { ["keyword"] = "router" }, 1)).ConfigureAwait(false);
        var reply = await session.Interact(new SessionAction("next", NoInputs, 2)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (reply.View.Data.GetProperty("page").GetInt32() != 2)
        {
            throw new InvalidOperationException($"expected page 2, got {reply.View.Data}");
        }

        return id;
    }

    private static async Task<StoredRecord> ReadRecordAsync(string postgres, string sessionId, CancellationToken cancellationToken)
    {
        var key = Guid.ParseExact(sessionId, "N").ToByteArray();
        await using var connection = new NpgsqlConnection(postgres);
        var row = await connection.QuerySingleAsync<(byte[] Payload, int Bytes, int ColumnBytes)>(new CommandDefinition(
            StoredRecordQuery,
            new { N0 = BitConverter.ToInt64(key, 0), N1 = BitConverter.ToInt64(key, 8) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);

        // The same row as the grain_state view shows it for this session id (a check that the key was found right).
        var viewed = await connection.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT CAST(state AS text) FROM grain_state WHERE state_name = 'session' AND grain_key = @Key", new { Key = sessionId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        using var document = JsonDocument.Parse(row.Payload);
        using var viewedDocument = JsonDocument.Parse(viewed);
        var compact = JsonSerializer.Serialize(document.RootElement);
        // (jsonb orders keys its own way, so compare values, not text.)
        if (viewedDocument.RootElement.GetProperty("e").GetInt64() != document.RootElement.GetProperty("e").GetInt64()
            || viewedDocument.RootElement.GetProperty("s").GetInt64() != document.RootElement.GetProperty("s").GetInt64())
        {
            throw new InvalidOperationException($"OrleansStorage row for {sessionId} is not the one grain_state shows.");
        }

        return new StoredRecord(row.Payload, compact, row.ColumnBytes);
    }

    /// <summary>
    /// Decodes the stored pools with the workflow services (as a silo does: the page's products are loaded from the
    /// products table) and serializes them in full the way tests/Workflows.Tests does.
    /// </summary>
    private static async Task<SizeResult> MeasureSizeAsync(string postgres, StoredRecord stored, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = postgres,
        });
        builder.Services.AddBundledApplications();
        using var host = builder.Build(); // not started: only the pool serializer and the catalog are used
        using var parsed = JsonDocument.Parse(stored.Compact);
        var poolsElement = parsed.RootElement.GetProperty("p");
        var pools = await host.Services.GetRequiredService<IPoolSerializer>().DecodeAsync(poolsElement, cancellationToken).ConfigureAwait(false);

        var page = pools.Composites.SelectMany(c => c.Values.Select(kv => kv.Value)).OfType<QueryPage>().Single();
        var items = page.Items.Cast<Product>().ToList();
        var fullPools = new
        {
            application = pools.Application.ToDictionary(),
            composites = pools.Composites.Select(c => new { c.Step, c.CurrentStep, c.EnteredPort, values = c.Values.ToDictionary(kv => kv.Key, kv => kv.Value is QueryPage p ? new { p.Query, p.Argument, p.PageSize, p.PageNumber, p.Total, Items = p.Items.Cast<Product>().ToList() } : kv.Value) }),
            interactive = pools.Interactive.ToDictionary(),
        };
        var fullPoolsBytes = JsonSerializer.SerializeToUtf8Bytes(fullPools).Length;
        var poolsBytes = Encoding.UTF8.GetByteCount(poolsElement.GetRawText());
        var recordBytes = Encoding.UTF8.GetByteCount(stored.Compact);
        var itemsJson = JsonSerializer.Serialize(items);
        return new SizeResult(
            recordBytes,
            poolsBytes,
            fullPoolsBytes,
            recordBytes - poolsBytes + fullPoolsBytes,
            items.Count,
            items.Average(p => JsonSerializer.SerializeToUtf8Bytes(p).Length),
            itemsJson);
    }

    private static async Task<long> WaitForProductsAsync(string postgres, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(postgres);
                var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM products", cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (count > 0)
                {
                    return count;
                }
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // Not migrated yet.
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("the silos did not seed the products table within 60 s");
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task DropScratchTableAsync(string postgres)
    {
        try
        {
            await using var connection = new NpgsqlConnection(postgres);
            await connection.ExecuteAsync($"DROP TABLE IF EXISTS {ScratchTable}").ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The database is thrown away after the run anyway.
        }
    }

    private sealed record StoredRecord(byte[] Payload, string Compact, int ColumnBytes);

    private sealed record SizeResult(int RecordBytes, int PoolsBytes, int FullPoolsBytes, int FullRecordBytes, int Items, double MeanProductBytes, string ItemsJson);

    /// <summary>One catalog-search session driven from the client: started, searched, then paged with the next seq.</summary>
    private sealed class SessionDriver
    {
        private readonly ISessionGrain _grain;
        private long _seq;
        private int _step;

        private SessionDriver(ISessionGrain grain) => _grain = grain;

        /// <summary>A session id as the Gateway makes them (128 random bits, 32 lowercase hex characters).</summary>
        public static string NewSessionId() => RandomNumberGenerator.GetHexString(32, lowercase: true);

        public static async Task<SessionDriver> StartAsync(BenchCluster cluster)
        {
            var driver = new SessionDriver(cluster.Client.GetGrain<ISessionGrain>(NewSessionId()));
            await driver._grain.Start(CatalogSearchApplication.Id).ConfigureAwait(false);
            await driver._grain.Interact(new SessionAction("search", new Dictionary<string, string?> { ["keyword"] = "router" }, 1)).ConfigureAwait(false);
            driver._seq = 1;
            return driver;
        }

        /// <summary>The next paging interaction; the seq advances only when it was applied.</summary>
        public async Task NextAsync()
        {
            var reply = await _grain.Interact(new SessionAction(Cycle[_step % Cycle.Length], NoInputs, _seq + 1)).ConfigureAwait(false);
            if (reply.Seq != _seq + 1)
            {
                throw new InvalidOperationException($"interaction {_seq + 1} answered seq {reply.Seq}");
            }

            _seq++;
            _step++;
        }
    }
}
