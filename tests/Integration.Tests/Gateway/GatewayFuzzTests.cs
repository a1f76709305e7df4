using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansPlatform.Integration.Tests.Gateway;

public sealed class GatewayFuzzTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly string[] s_methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];
    private static readonly string[] s_paths =
    [
        "/", "/health", "/apps/{seg}", "/apps/catalog-search", "/api/apps/{seg}/sessions", "/api/apps/catalog-search/sessions",
        "/api/sessions/{seg}", "/api/sessions/{id}", "/api/sessions/{id}/actions", "/api/sessions/{seg}/actions", "/api/cluster/silos",
        "/{seg}/{seg}", "/api/{seg}",
    ];

    private static readonly string[] s_segments =
    [
        "", "a", "..", "%2e%2e", "%00", "%ZZ", "catalog-search", "ORDER-ENTRY", "x;y", "ü🎉", "%F0%9F%8E%89", new string('z', 3000),
        "0123456789abcdef0123456789abcdef", "0123456789ABCDEF0123456789ABCDEF", "' OR 1=1 --", "<script>",
    ];

    private static readonly string[] s_contentTypes =
    [
        "application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "application/json; charset=utf-16",
        "garbage/garbage", "application/problem+json",
    ];

    [Fact]
    public async Task A_thousand_random_malformed_requests_never_get_a_5xx_and_the_gateway_keeps_serving()
    {
        var random = new Random(20261122);
        using var http = fixture.Gateway.CreateClient(followRedirects: false);
        var sessionId = await StartSessionAsync(http);
        var serverErrors = new List<string>();

        for (var i = 0; i < 1000; i++)
        {
            using var request = RandomRequest(random, sessionId);
            var description = $"{request.Method} {request.RequestUri}";
            try
            {
                using var response = await http.SendAsync(request);
                if ((int)response.StatusCode >= 500)
                {
                    serverErrors.Add($"{(int)response.StatusCode} for {description}: {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (HttpRequestException exception)
            {
                serverErrors.Add($"connection failure for {description}: {exception.Message}");
            }
        }

        Assert.True(serverErrors.Count == 0, string.Join("\n", serverErrors.Take(20)));
        Assert.False(fixture.Gateway.Process.HasExited);
        using var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Raw_garbage_on_the_socket_does_not_disturb_the_gateway()
    {
        var random = new Random(7);
        for (var i = 0; i < 50; i++)
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, fixture.Gateway.BaseAddress.Port);
            var garbage = new byte[random.Next(1, 4096)];
            random.NextBytes(garbage);
            if (i % 5 == 0)
            {
                garbage = Encoding.ASCII.GetBytes("GET /health HTTP/1.1\r\nHost: x\r\nX-Bad: " + new string('\u0001', 10) + "\r\n\r\n");
            }

            var stream = client.GetStream();
            await stream.WriteAsync(garbage);
            using var read = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                var buffer = new byte[512];
                var count = await stream.ReadAsync(buffer, read.Token);
                var answer = Encoding.ASCII.GetString(buffer, 0, count);
                Assert.DoesNotContain(" 500 ", answer, StringComparison.Ordinal);
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException)
            {
                // Closing the connection is a fine answer to garbage.
            }
        }

        using var http = fixture.Gateway.CreateClient();
        using var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static async Task<string> StartSessionAsync(HttpClient http)
    {
        using var response = await http.PostAsync("/api/apps/catalog-search/sessions", null);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("sessionId").GetString()!;
    }

    private static HttpRequestMessage RandomRequest(Random random, string sessionId)
    {
        var path = s_paths[random.Next(s_paths.Length)]
            .Replace("{id}", sessionId, StringComparison.Ordinal);
        while (path.Contains("{seg}", StringComparison.Ordinal))
        {
            var index = path.IndexOf("{seg}", StringComparison.Ordinal);
            path = path[..index] + s_segments[random.Next(s_segments.Length)] + path[(index + 5)..];
        }

        // A path starting with "//" would be read by the client as a host name, not sent to the Gateway.
        path = "/" + path.TrimStart('/');
        if (random.Next(4) == 0)
        {
            path += "?" + Uri.EscapeDataString(s_segments[random.Next(s_segments.Length)]) + "=" + random.Next();
        }

        var request = new HttpRequestMessage(new HttpMethod(s_methods[random.Next(s_methods.Length)]), path);
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && random.Next(3) > 0)
        {
            var body = RandomBody(random);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", s_contentTypes[random.Next(s_contentTypes.Length)]);
        }

        for (var h = random.Next(4); h > 0; h--)
        {
            request.Headers.TryAddWithoutValidation("X-Fuzz-" + random.Next(100), new string((char)random.Next(32, 127), random.Next(1, 200)));
        }

        if (random.Next(6) == 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", "op_session_catalog-search=" + Convert.ToBase64String(RandomBytes(random, 60)));
        }

        if (random.Next(8) == 0)
        {
            request.Headers.TryAddWithoutValidation("Accept", "text/html;q=" + random.Next(-5, 5));
        }

        return request;
    }

    private static byte[] RandomBody(Random random) => random.Next(8) switch
    {
        0 => RandomBytes(random, random.Next(0, 2048)),
        1 => Encoding.UTF8.GetBytes("{\"action\":\"search\",\"inputs\":{\"keyword\":\"" + new string('r', random.Next(0, 300)) + "\"},\"seq\":" + random.Next(-3, 5) + "}"),
        2 => Encoding.UTF8.GetBytes(new string('[', random.Next(1, 200))),
        3 => Encoding.UTF8.GetBytes("{\"action\":" + random.Next() + ",\"seq\":\"x\"}"),
        4 => Encoding.UTF8.GetBytes("{\"action\":\"next\",\"inputs\":{},\"seq\":99999999999999999999999}"),
        5 => Encoding.UTF8.GetBytes("_action=next&_seq=" + random.Next() + "&__RequestVerificationToken=forged"),
        6 => Encoding.UTF8.GetBytes("{\"action\":\"add\",\"inputs\":{\"productId\":\"-1\",\"quantity\":\"" + random.Next(-100, 100000) + "\"},\"seq\":1}"),
        _ => Encoding.UTF8.GetBytes("{\"action\":\"search\",\"inputs\":{\"keyword\":null,\"x\":[1,{\"y\":2}]},\"seq\":1}"),
    };

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
