using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansPlatform.Integration.Tests.Cluster;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;
using Xunit.Abstractions;

namespace OrleansPlatform.Integration.Tests.Faults;

/// <summary>
/// More load than the Gateway admits, made deterministic instead of raced against the machine: requests whose bodies
/// are held back occupy every slot and every place in line, so any further request is beyond the configured limits.
/// Those are refused (503 + Retry-After, problem+json) without any work, the held requests are all answered 200 once
/// released, memory stays bounded, no process dies, and afterwards load within the limits is never refused.
/// How fast refusals come and how much throughput survives an overload are figures, not behaviour: they are measured
/// by <c>bash bench/run.sh overload</c> (bench/README.md).
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Faults")]
public sealed class OverloadTests(ITestOutputHelper output)
{
    // The Gateway's slots and line for this test (the defaults are 256 and 256).
    private const int Slots = 2;
    private const int Line = 2;
    private const int Probes = 8;

    // Hang guards only: each is many times what the step takes on a loaded machine.
    private static readonly TimeSpan s_guard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Requests_beyond_the_admission_limits_get_well_formed_503s_and_do_no_work_admitted_ones_are_all_answered_and_refusals_stop_after()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 1, withClient: false);
        await using var gateway = await GatewayProcess.StartForClusterAsync(database, cluster, AdminApi.GatewaySettings(new Dictionary<string, string>
        {
            ["Gateway__MaxConcurrentRequests"] = Slots.ToString(CultureInfo.InvariantCulture),
            ["Gateway__MaxQueuedRequests"] = Line.ToString(CultureInfo.InvariantCulture),
        }));
        using var admin = new AdminApi(gateway.BaseAddress);
        var processes = cluster.Silos.Append(gateway.Process).ToList();
        using var http = gateway.CreateClient(followRedirects: false);

        // order-entry needs a signed-in user: every request of this client carries a bearer token.
        await TestUsers.AuthorizeAsync(http, database);
        var memory = new MemorySampler(processes);
        using var sampling = new CancellationTokenSource();
        var sampler = memory.RunAsync(sampling.Token);

        // Sessions for the holders and the probes, started while nothing is held.
        var holderSessions = new List<string>();
        var probeSessions = new List<string>();
        for (var i = 0; i < Slots + Line; i++)
        {
            holderSessions.Add(await SessionFlow.StartAsync(http, "order-entry"));
        }

        for (var i = 0; i < Probes; i++)
        {
            probeSessions.Add(await SessionFlow.StartAsync(http, "order-entry"));
        }

        // Fill every slot and the whole line with held requests, and wait until the Gateway's own account of its limit
        // (the admin API, never limited) shows every slot and place taken. Nothing else is sent meanwhile, so no holder
        // competes for a place: one refused here is a refusal within the limits and fails below.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holders = holderSessions.Select(id => HoldAsync(http, id, release.Task)).ToList();
        var full = await Eventually.ReturnsAsync(
            () => admin.GetOkAsync("/admin/api/admission"),
            state => state.GetProperty("inProgress").GetInt32() == Slots && state.GetProperty("queued").GetInt32() == Line,
            s_guard);
        Assert.Equal(0, full.GetProperty("refused").GetInt64());

        // Now everything sent is beyond the limits: each is refused, well formed, and nothing holds on to it.
        var refusals = await Task.WhenAll(probeSessions.SelectMany(id => new[]
        {
            SendAsync(http, HttpMethod.Post, $"/api/sessions/{id}/actions", JsonContent.Create(AddOne(1))),
            SendAsync(http, HttpMethod.Get, $"/api/sessions/{id}", null),
            SendAsync(http, HttpMethod.Post, "/api/apps/order-entry/sessions", null),
        }));
        using (var page = await http.GetAsync("/apps/order-entry"))
        {
            // A browser gets a page saying so, with Retry-After, never a 500.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.NotNull(page.Headers.RetryAfter);
            Assert.Contains("Temporarily unavailable", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        output.WriteLine($"{refusals.Length} requests beyond {Slots} slots + {Line} in line: "
            + string.Join(", ", refusals.GroupBy(r => (int)r.Status).Select(g => $"{g.Count()} × {g.Key}"))
            + $"; slowest refusal {refusals.Max(r => r.Latency).TotalMilliseconds:0} ms (a figure: bench/run.sh overload measures it)");
        Assert.All(refusals, r =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.Status);
            Assert.Equal("application/problem+json", r.ContentType);
            Assert.True(r.RetryAfter >= TimeSpan.FromSeconds(1), $"Retry-After {r.RetryAfter} on {r.Path}");
            Assert.Equal(503, r.Problem.GetProperty("status").GetInt32());
            Assert.Equal("https://orleansplatform.dev/problems/overloaded", r.Problem.GetProperty("type").GetString());
            Assert.False(string.IsNullOrWhiteSpace(r.Problem.GetProperty("detail").GetString()));
        });

        // No process died while overloaded.
        Assert.All(processes, p => Assert.False(p.HasExited, $"pid {p.Pid} exited with {p.ExitCode}"));

        // Released, every held (admitted) request is answered 200, and applied exactly once.
        release.SetResult();
        var held = await Task.WhenAll(holders).WaitAsync(s_guard);
        Assert.All(held, status => Assert.Equal(HttpStatusCode.OK, status));

        // Every slot and place is given back, and the Gateway counted each refusal (a leaked lease fails this).
        var drained = await Eventually.ReturnsAsync(
            () => admin.GetOkAsync("/admin/api/admission"),
            state => state.GetProperty("inProgress").GetInt32() == 0 && state.GetProperty("queued").GetInt32() == 0,
            s_guard);
        Assert.Equal(refusals.Length + 1, drained.GetProperty("refused").GetInt64());
        foreach (var id in holderSessions)
        {
            Assert.Equal(1, await ItemCountAsync(http, id, seq: 2));
        }

        // A refused interaction did no work: the probes' carts are empty (their seq 1 was never applied).
        foreach (var id in probeSessions)
        {
            Assert.Equal(0, await ItemCountAsync(http, id, seq: 1));
        }

        // After the overload, load within the limits is never refused: as many careful clients as there are slots,
        // so with a line at least as long, a request always finds a slot or a place (a slot the limiter leaked, or a
        // limiter stuck refusing, fails this). Every interaction is answered 200 and applied exactly once.
        await using (var load = await SessionLoad.StartAsync(http, Slots))
        {
            await Eventually.ReturnsAsync(
                () => Task.FromResult(load.Acknowledged.Values.Min()),
                least => least >= 20,
                s_guard);
            var after = load.Outcomes;
            var items = await load.FinishAsync();
            output.WriteLine($"after the overload: {after.Count} interactions from {Slots} clients, "
                + string.Join(", ", after.GroupBy(o => (int)o.Status).Select(g => $"{g.Count()} × {g.Key}"))
                + $"; carts {string.Join(", ", items.Values)}");
            var refusedAfter = after.Where(o => o.Status != HttpStatusCode.OK).ToList();
            Assert.True(refusedAfter.Count == 0, "refused after the overload: " + string.Join("; ", refusedAfter.Take(5).Select(o => $"{(int)o.Status} {o.Detail}")));
        }

        await sampling.CancelAsync();
        await sampler;
        output.WriteLine($"peak memory: {string.Join(", ", memory.Peaks.Select(kv => $"pid {kv.Key} {kv.Value / (1024 * 1024)} MiB"))}");

        // Memory bounded (a refusal holds nothing), no process died.
        Assert.All(memory.Peaks.Values, peak => Assert.True(peak < 1536L * 1024 * 1024, $"a process grew to {peak / (1024 * 1024)} MiB"));
        Assert.All(processes, p => Assert.False(p.HasExited, $"pid {p.Pid} exited with {p.ExitCode}"));
    }

    // Adds one unit (seq 1) with a body held back until `release`: admitted, the request keeps its slot (or its place
    // in line) while the Gateway waits for the body.
    private static async Task<HttpStatusCode> HoldAsync(HttpClient http, string id, Task release)
    {
        using var content = new HeldBody(JsonSerializer.SerializeToUtf8Bytes(AddOne(1)), release);
        using var response = await http.PostAsync($"/api/sessions/{id}/actions", content);
        return response.StatusCode;
    }

    private static async Task<Refusal> SendAsync(HttpClient http, HttpMethod method, string path, HttpContent? content)
    {
        var started = TimeProvider.System.GetTimestamp();
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await http.SendAsync(request);
        var latency = TimeProvider.System.GetElapsedTime(started);
        var body = await response.Content.ReadAsStringAsync();
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? JsonDocument.Parse(body).RootElement.Clone()
            : JsonDocument.Parse("{}").RootElement.Clone();
        return new Refusal(path, response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter?.Delta, problem, latency);
    }

    // The cart's unit count, by a review with the session's next seq (retried while refused: the line may be busy).
    private static async Task<long> ItemCountAsync(HttpClient http, string id, long seq)
    {
        var view = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await http.PostAsJsonAsync($"/api/sessions/{id}/actions", new { action = "review", inputs = new { }, seq });
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"review of {id}: {(int)response.StatusCode}");
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
            },
            answer => answer is not null,
            s_guard);
        return view!.Value.GetProperty("view").GetProperty("data").GetProperty("itemCount").GetInt64();
    }

    private static object AddOne(long seq) => new { action = "add", inputs = new { productId = 1, quantity = 1 }, seq };

    private sealed record Refusal(string Path, HttpStatusCode Status, string? ContentType, TimeSpan? RetryAfter, JsonElement Problem, TimeSpan Latency);

    /// <summary>
    /// A JSON body sent only once <c>release</c> completes; until then leading whitespace (valid JSON) trickles at
    /// 1 KB/s, caught up after a stall, so Kestrel's minimum request body data rate (240 B/s) never ends the request.
    /// </summary>
    private sealed class HeldBody : HttpContent
    {
        private const int MaxPadding = 48 * 1024; // under the action body limit (64 KiB): about 48 s of holding
        private readonly byte[] json;
        private readonly Task release;

        public HeldBody(byte[] json, Task release)
        {
            (this.json, this.release) = (json, release);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var padding = Encoding.ASCII.GetBytes(new string(' ', 1024));
            var started = TimeProvider.System.GetTimestamp();
            var sent = 0;
            while (!release.IsCompleted)
            {
                var due = Math.Min(MaxPadding, (int)(TimeProvider.System.GetElapsedTime(started).TotalSeconds * 1024) + 256);
                while (sent < due)
                {
                    var chunk = Math.Min(padding.Length, due - sent);
                    await stream.WriteAsync(padding.AsMemory(0, chunk));
                    sent += chunk;
                }

                await stream.FlushAsync();
                await Task.WhenAny(release, Task.Delay(100));
            }

            await stream.WriteAsync(json);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    // The resident memory of the cluster's processes, sampled every 250 ms (VmRSS from /proc).
    private sealed class MemorySampler(IReadOnlyList<PlatformProcess> processes)
    {
        public Dictionary<int, long> Peaks { get; } = [];

        public async Task RunAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var process in processes)
                {
                    var line = File.ReadLines($"/proc/{process.Pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                    if (line is not null)
                    {
                        var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                        Peaks[process.Pid] = Math.Max(Peaks.GetValueOrDefault(process.Pid), kib * 1024);
                    }
                }

                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
