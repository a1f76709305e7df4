using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace OrleansPlatform.LoadTool;

/// <summary>
/// One user: starts a session, searches a keyword, then pages next, next, prev, next, next, prev, ... for
/// <see cref="LoadOptions.PagesPerSession"/> interactions, then starts a new session with the next keyword (the old one
/// is abandoned, as by a closed tab). Every answer is checked (status, seq, step, page number, item count); a failure
/// counts as an error and the user starts over with a new session. The user keeps its own cookies (a baseline may
/// carry its session in a cookie) over the shared connection pool.
/// </summary>
public sealed class SimulatedUser(int index, HttpClient http, LoadOptions options, RunClock clock, UserRecorder recorder)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly CookieContainer _cookies = new();

    /// <summary>Runs until the run clock says done or <paramref name="hardStop"/> fires.</summary>
    public async Task RunAsync(CancellationToken hardStop)
    {
        var sessions = 0;
        while (!hardStop.IsCancellationRequested && !clock.Done(recorder))
        {
            var keyword = options.Keywords[(index + sessions++) % options.Keywords.Count];
            if (!await RunSessionAsync(keyword, hardStop) && !hardStop.IsCancellationRequested)
            {
                // Back off a little after an error so a failing server is not hammered in a tight loop.
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), hardStop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> RunSessionAsync(string keyword, CancellationToken hardStop)
    {
        var start = await SendAsync(InteractionKind.Start, new Uri(options.Url, $"api/apps/{options.App}/sessions"), null, HttpStatusCode.Created, hardStop);
        if (start is not { } started || !Check(started, out var id, out var seq))
        {
            return false;
        }

        if (clock.Done(recorder))
        {
            return true;
        }

        var actions = new Uri(options.Url, $"api/sessions/{id}/actions");
        var searched = await SendAsync(InteractionKind.Search, actions, Body("search", keyword, ++seq), HttpStatusCode.OK, hardStop);
        if (searched is not { } results || !CheckPage(results, seq, keyword, 1, out var total))
        {
            return false;
        }

        var lastPage = (int)Math.Max(1, (total + 4) / 5);
        var page = 1;
        for (var i = 0; i < options.PagesPerSession && !clock.Done(recorder) && !hardStop.IsCancellationRequested; i++)
        {
            var next = i % 3 != 2;
            var expected = next ? Math.Min(page + 1, lastPage) : Math.Max(1, page - 1);
            var answer = await SendAsync(next ? InteractionKind.Next : InteractionKind.Prev, actions, Body(next ? "next" : "prev", null, ++seq), HttpStatusCode.OK, hardStop);
            if (answer is not { } paged || !CheckPage(paged, seq, keyword, expected, out _))
            {
                return false;
            }

            page = expected;
        }

        return true;
    }

    /// <summary>Sends one request; returns the parsed answer when the status is the expected one, else records the error.</summary>
    private async Task<Answer?> SendAsync(InteractionKind kind, Uri uri, byte[]? body, HttpStatusCode expected, CancellationToken hardStop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }

        var cookieHeader = _cookies.GetCookieHeader(uri);
        if (cookieHeader.Length > 0)
        {
            request.Headers.Add("Cookie", cookieHeader);
        }

        var started = Stopwatch.GetTimestamp();
        HttpStatusCode status;
        byte[] content;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, hardStop);
            content = await response.Content.ReadAsByteArrayAsync(hardStop);
            status = response.StatusCode;
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    _cookies.SetCookies(uri, setCookie);
                }
            }
        }
        catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            recorder.Error("timeout", started, Stopwatch.GetTimestamp());
            return null;
        }
        catch (HttpRequestException exception)
        {
            recorder.Error("http: " + (exception.HttpRequestError.ToString()), started, Stopwatch.GetTimestamp());
            return null;
        }

        var ended = Stopwatch.GetTimestamp();
        if (status != expected)
        {
            recorder.Error(((int)status).ToString(CultureInfo.InvariantCulture), started, ended);
            return null;
        }

        return new Answer(kind, content, started, ended);
    }

    private bool Check(Answer answer, out string id, out long seq)
    {
        id = "";
        seq = 0;
        try
        {
            using var document = JsonDocument.Parse(answer.Content);
            var root = document.RootElement;
            id = root.GetProperty("sessionId").GetString() ?? "";
            seq = root.GetProperty("seq").GetInt64();
            _ = root.GetProperty("view").GetProperty("step").GetString();
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Invalid(answer, "bad body");
        }

        if (id.Length == 0)
        {
            return Invalid(answer, "bad body");
        }

        recorder.Success(answer.Kind, answer.Started, answer.Ended);
        return true;
    }

    private bool CheckPage(Answer answer, long sentSeq, string keyword, int expectedPage, out long total)
    {
        total = 0;
        try
        {
            using var document = JsonDocument.Parse(answer.Content);
            var root = document.RootElement;
            var view = root.GetProperty("view");
            var data = view.GetProperty("data");
            if (root.GetProperty("seq").GetInt64() != sentSeq)
            {
                return Invalid(answer, "wrong seq");
            }

            if (view.GetProperty("step").GetString() != "results"
                || !string.Equals(data.GetProperty("keyword").GetString(), keyword, StringComparison.Ordinal))
            {
                return Invalid(answer, "wrong view");
            }

            total = data.GetProperty("total").GetInt64();
            var expectedItems = (int)Math.Clamp(total - ((long)(expectedPage - 1) * 5), 0, 5);
            if (data.GetProperty("page").GetInt32() != expectedPage || data.GetProperty("items").GetArrayLength() != expectedItems)
            {
                return Invalid(answer, "wrong page");
            }
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Invalid(answer, "bad body");
        }

        recorder.Success(answer.Kind, answer.Started, answer.Ended);
        return true;
    }

    private bool Invalid(Answer answer, string reason)
    {
        recorder.Error(reason, answer.Started, answer.Ended);
        return false;
    }

    private static byte[] Body(string action, string? keyword, long seq)
    {
        using var buffer = new MemoryStream(96);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("action", action);
            writer.WriteStartObject("inputs");
            if (keyword is not null)
            {
                writer.WriteString("keyword", keyword);
            }

            writer.WriteEndObject();
            writer.WriteNumber("seq", seq);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private readonly record struct Answer(InteractionKind Kind, byte[] Content, long Started, long Ended);
}
