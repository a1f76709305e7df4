using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OrleansPlatform.LoadTool;

/// <summary>
/// The <c>idle</c> command: starts N catalog-search sessions through the JSON API (start, then one search, so each has
/// its result page), leaves them idle, and reads the memory of the given server processes before, right after, and
/// after a settle time: memory per idle session activation. It cannot force a GC inside the server, so the settle
/// reading still holds whatever garbage the server's GC has not collected; the report gives every reading.
/// </summary>
public static class IdleSessions
{
    public const string Usage = """
        Usage: OrleansPlatform.LoadTool idle --url URL --server-pids N=P,... [--sessions N] [--concurrency C] [--settle S]
          --sessions N      sessions to start and leave idle (default 100000)
          --concurrency C   requests in flight while starting them (default 32)
          --settle S        seconds to wait before the last memory reading (default 20)
        """;

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!values.TryGetValue("url", out var urlText) || !Uri.TryCreate(urlText, UriKind.Absolute, out var url)
            || !values.TryGetValue("server-pids", out var pidsText))
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        var sessions = int.Parse(values.GetValueOrDefault("sessions", "100000"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(values.GetValueOrDefault("concurrency", "32"), CultureInfo.InvariantCulture);
        var settle = TimeSpan.FromSeconds(int.Parse(values.GetValueOrDefault("settle", "20"), CultureInfo.InvariantCulture));
        var pids = pidsText.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=') is [var name, var pid] ? (Name: name, Pid: int.Parse(pid, CultureInfo.InvariantCulture)) : (Name: p, Pid: int.Parse(p, CultureInfo.InvariantCulture)))
            .ToList();

        using var handler = new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = concurrency, UseProxy = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };

        var before = pids.ToDictionary(p => p.Name, p => ProcessMemory.Of(p.Pid), StringComparer.Ordinal);
        var started = Stopwatch.GetTimestamp();
        var next = -1;
        var ok = 0;
        var failed = 0;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < sessions)
            {
                if (await StartIdleSessionAsync(http, url).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToArray();
        var progress = Task.Run(async () =>
        {
            while (!workers.All(w => w.IsCompleted))
            {
                await Task.Delay(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                await Console.Error.WriteLineAsync($"loadtool: idle: {Volatile.Read(ref ok):N0} sessions started, {Volatile.Read(ref failed):N0} failed").ConfigureAwait(false);
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var afterStart = pids.ToDictionary(p => p.Name, p => ProcessMemory.Of(p.Pid), StringComparer.Ordinal);
        await Task.Delay(settle).ConfigureAwait(false);
        var settled = pids.ToDictionary(p => p.Name, p => ProcessMemory.Of(p.Pid), StringComparer.Ordinal);
        await progress.ConfigureAwait(false);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"== idle sessions ({url})");
        text.AppendLine(CultureInfo.InvariantCulture, $"{ok:N0} sessions started and searched ({failed:N0} failed) in {seconds:0.0} s at {concurrency} in flight; then {settle.TotalSeconds:0} s idle");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"process",-10} {"RSS before",11} {"after start",11} {"settled",11} {"per session",12} {"anon per session",17}");
        foreach (var (name, _) in pids)
        {
            var perSession = ok > 0 ? (settled[name].RssBytes - before[name].RssBytes) / (double)ok : 0;
            var anonymousPerSession = ok > 0 ? (settled[name].AnonymousBytes - before[name].AnonymousBytes) / (double)ok : 0;
            text.AppendLine(CultureInfo.InvariantCulture, $"{name,-10} {Mib(before[name].RssBytes),11} {Mib(afterStart[name].RssBytes),11} {Mib(settled[name].RssBytes),11} {perSession / 1024,8:0.00} KiB {anonymousPerSession / 1024,13:0.00} KiB");
        }

        Console.Write(text.ToString());
        return ok > 0 ? 0 : 1;
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    private static async Task<bool> StartIdleSessionAsync(HttpClient http, Uri url)
    {
        try
        {
            using var start = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "api/apps/catalog-search/sessions"));
            using var started = await http.SendAsync(start).ConfigureAwait(false);
            if (started.StatusCode != HttpStatusCode.Created)
            {
                return false;
            }

            using var document = JsonDocument.Parse(await started.Content.ReadAsByteArrayAsync().ConfigureAwait(false));
            var id = document.RootElement.GetProperty("sessionId").GetString();
            var seq = document.RootElement.GetProperty("seq").GetInt64();
            var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"action":"search","inputs":{"keyword":"router"},"seq":{{seq + 1}}}"""));
            using var search = new HttpRequestMessage(HttpMethod.Post, new Uri(url, $"api/sessions/{id}/actions")) { Content = new ByteArrayContent(body) };
            search.Content.Headers.ContentType = Json;
            using var searched = await http.SendAsync(search).ConfigureAwait(false);
            return searched.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }
}
