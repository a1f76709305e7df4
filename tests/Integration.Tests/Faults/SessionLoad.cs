using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansPlatform.Integration.Tests.Faults;

/// <summary>
/// Order-entry sessions driven through the Gateway's JSON API as a careful client drives them: each session adds one
/// unit of a product per interaction with the next seq, and after a 503 sends the same seq again (that is what makes a
/// retried interaction apply exactly once). Every answer is recorded, so a test can say which statuses came back, how
/// fast, and when every session was served again; <see cref="FinishAsync"/> then checks that the carts hold exactly
/// one unit per acknowledged interaction.
/// </summary>
public sealed class SessionLoad : IAsyncDisposable
{
    private static readonly TimeSpan s_retryPause = TimeSpan.FromMilliseconds(200);
    private readonly HttpClient http;
    private readonly TimeSpan retryPause;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<Outcome> outcomes = new();
    private readonly ConcurrentDictionary<string, long> acknowledged = new(StringComparer.Ordinal);
    private readonly List<Task> loops = [];

    private SessionLoad(HttpClient http, TimeSpan retryPause) => (this.http, this.retryPause) = (http, retryPause);

    /// <summary>The sessions, by id.</summary>
    public IReadOnlyCollection<string> Sessions => acknowledged.Keys.ToList();

    /// <summary>The last seq each session was answered 200 for.</summary>
    public IReadOnlyDictionary<string, long> Acknowledged => acknowledged;

    /// <summary>Every answer so far.</summary>
    public IReadOnlyList<Outcome> Outcomes => outcomes.ToArray();

    /// <summary>Time since the load started, on the clock <see cref="Outcome"/> uses.</summary>
    public TimeSpan Now => clock.Elapsed;

    /// <summary>
    /// Starts <paramref name="count"/> sessions (retrying starts the cluster cannot take yet), then their loops at once;
    /// after a refused interaction a loop pauses <paramref name="retryPause"/> (default 200 ms) before sending it again.
    /// </summary>
    public static async Task<SessionLoad> StartAsync(HttpClient http, int count, TimeSpan? retryPause = null)
    {
        var load = new SessionLoad(http, retryPause ?? s_retryPause);
        var ids = new ConcurrentBag<string>();

        // A few at a time: one by one, a hundred sessions take longer to start than a test phase lasts.
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
            ids.Add(await StartSessionAsync(http)));
        foreach (var id in ids)
        {
            load.acknowledged[id] = 0;
            load.loops.Add(Task.Run(() => load.RunAsync(id)));
        }

        return load;
    }

    /// <summary>The earliest time at or after <paramref name="since"/> by which every session had been answered 200 for a request sent after it.</summary>
    public TimeSpan? AllServedAfter(TimeSpan since)
    {
        var served = Outcomes.Where(o => o.Status == HttpStatusCode.OK && o.SentAt >= since)
            .GroupBy(o => o.SessionId)
            .ToDictionary(g => g.Key, g => g.Min(o => o.SentAt + o.Latency));
        return served.Count == acknowledged.Count ? served.Values.Max() : null;
    }

    /// <summary>Waits until every session was answered 200 for a request sent after <paramref name="since"/>; returns when.</summary>
    public async Task<TimeSpan> WaitAllServedAfterAsync(TimeSpan since, TimeSpan within)
    {
        var deadline = clock.Elapsed + within;
        while (true)
        {
            if (AllServedAfter(since) is { } at)
            {
                return at;
            }

            if (clock.Elapsed > deadline)
            {
                var waiting = acknowledged.Keys.Where(id => !Outcomes.Any(o => o.SessionId == id && o.Status == HttpStatusCode.OK && o.SentAt >= since)).ToList();
                throw new TimeoutException($"{waiting.Count} of {acknowledged.Count} sessions not served again within {within}; last answers: "
                    + string.Join("; ", Outcomes.TakeLast(5).Select(o => $"{(int)o.Status} {o.Detail}")));
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Stops the loops, sends each session's unanswered seq again until it is answered, then reviews each cart: it must
    /// hold exactly one unit per interaction (none lost, none applied twice). Returns the reviews' item counts by session.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> FinishAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        var items = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var all = Outcomes;
        await Parallel.ForEachAsync(acknowledged.Keys.ToList(), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, cancellationToken) =>
        {
            // A seq last answered 503 may or may not have been applied: sending it again applies it exactly once.
            var lastSent = all.Where(o => o.SessionId == id).Select(o => o.Seq).DefaultIfEmpty(0).Max();
            if (lastSent > acknowledged[id])
            {
                (await SendUntilAnsweredAsync(id, AddOne(lastSent))).Dispose();
                acknowledged[id] = lastSent;
            }

            var last = acknowledged[id];
            using var review = await SendUntilAnsweredAsync(id, new { action = "review", inputs = new { }, seq = last + 1 });
            var view = (await review.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("view");
            Assert.Equal("review", view.GetProperty("step").GetString());
            items[id] = view.GetProperty("data").GetProperty("itemCount").GetInt64();
            Assert.True(items[id] == last, $"session {id}: {last} adds acknowledged, the cart holds {items[id]} units");
            acknowledged[id] = last + 1;
        });

        return items;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(loops);
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpRequestException)
        {
        }

        stop.Dispose();
    }

    private static async Task<string> StartSessionAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var started = await http.PostAsync("/api/apps/order-entry/sessions", null);
            if (started.StatusCode == HttpStatusCode.Created)
            {
                return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetString()!;
            }

            Assert.True(started.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline, $"starting a session answered {(int)started.StatusCode}");
            await Task.Delay(s_retryPause);
        }
    }

    // One session's interactions, one at a time: seq 1, 2, ...; after anything but a 200 the same seq again.
    private async Task RunAsync(string id)
    {
        var seq = 1L;
        while (!stop.IsCancellationRequested)
        {
            var sentAt = clock.Elapsed;
            Outcome outcome;
            try
            {
                using var response = await http.PostAsJsonAsync($"/api/sessions/{id}/actions", AddOne(seq));
                var body = await response.Content.ReadAsStringAsync();
                outcome = new Outcome(id, seq, response.StatusCode, sentAt, clock.Elapsed - sentAt, response.Content.Headers.ContentType?.MediaType,
                    response.Headers.RetryAfter?.Delta, body.Length > 300 ? body[..300] : body);
            }
            catch (HttpRequestException exception)
            {
                outcome = new Outcome(id, seq, 0, sentAt, clock.Elapsed - sentAt, null, null, exception.Message);
            }
            catch (TaskCanceledException exception) when (!stop.IsCancellationRequested)
            {
                // HttpClient's own timeout: the Gateway did not answer at all.
                outcome = new Outcome(id, seq, 0, sentAt, clock.Elapsed - sentAt, null, null, "no answer: " + exception.Message);
            }

            outcomes.Enqueue(outcome);
            if (outcome.Status == HttpStatusCode.OK)
            {
                acknowledged[id] = seq;
                seq++;
            }
            else
            {
                try
                {
                    await Task.Delay(retryPause, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<HttpResponseMessage> SendUntilAnsweredAsync(string id, object body)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var response = await http.PostAsJsonAsync($"/api/sessions/{id}/actions", body);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return response;
            }

            var detail = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline, $"session {id}: {(int)response.StatusCode} {detail}");
            response.Dispose();
            await Task.Delay(s_retryPause);
        }
    }

    private static object AddOne(long seq) => new { action = "add", inputs = new { productId = (seq % 5) + 1, quantity = 1 }, seq };

    /// <summary>One answer: session, seq, status (0 when no HTTP answer came), when it was sent (load clock), how long it took.</summary>
    public sealed record Outcome(string SessionId, long Seq, HttpStatusCode Status, TimeSpan SentAt, TimeSpan Latency, string? ContentType, TimeSpan? RetryAfter, string Detail);
}
