using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansPlatform.Cli;

/// <summary>
/// An admin JSON API over HTTP Basic as <c>admin</c>: the Gateway's (<c>/admin/api</c>) or a node agent's (<c>/api</c>). Every call ends in an
/// <see cref="ApiResult"/>: the JSON body, or the problem as one line's worth of text; nothing here throws for a
/// refusal or an unreachable Gateway, so each command maps them to exit code 1 the same way.
/// </summary>
internal sealed class AdminApiClient : IDisposable
{
    // Longer than the Gateway's own retry budget (25 s), so a 503 from it arrives instead of our time-out.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    private readonly HttpClient _http;
    private readonly string _apiRoot;
    private readonly bool _hasPassword;

    public AdminApiClient(Uri gateway, string? password, string apiPath = GatewayApiPath)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        Gateway = gateway.AbsoluteUri.TrimEnd('/');
        _apiRoot = Gateway + apiPath;
        _hasPassword = password is not null;
        _http = new HttpClient();
        _http.Timeout = Timeout;
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("oplat", typeof(AdminApiClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
        if (password is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + password)));
        }
    }

    /// <summary>Where the Gateway's admin API is under its base URL.</summary>
    public const string GatewayApiPath = "/admin/api/";

    /// <summary>Where a node agent's API is under its base URL.</summary>
    public const string AgentApiPath = "/api/";

    /// <summary>The base URL (Gateway or agent) as the messages name it.</summary>
    public string Gateway { get; }

    /// <summary>One path segment, escaped: silo ids (<c>127.0.0.1:11111@123</c>), setting keys (<c>Sessions:IdleTimeout</c>), <c>*</c>.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    public Task<ApiResult> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<ApiResult> PostAsync(string path, JsonObject? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, cancellationToken);

    public Task<ApiResult> PutAsync(string path, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path, body, cancellationToken);

    public Task<ApiResult> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<ApiResult> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_apiRoot + path));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode ? Parse(text) : ApiResult.Failure(ProblemOf(response, text));
        }
        catch (HttpRequestException exception)
        {
            return ApiResult.Failure(ApiProblem.Local($"cannot reach {Gateway} ({Reason(exception)})"));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ApiResult.Failure(ApiProblem.Local($"no answer from {Gateway} within {Timeout.TotalSeconds:0} s"));
        }
    }

    private ApiResult Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
            return ApiResult.Success(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            return ApiResult.Failure(ApiProblem.Local($"the answer from {Gateway} is not JSON; is --url the Gateway?"));
        }
    }

    private ApiProblem ProblemOf(HttpResponseMessage response, string text)
    {
        var status = (int)response.StatusCode;
        var (title, detail) = ReadProblem(text);
        var message = (title ?? response.ReasonPhrase ?? "Error") + (detail is null ? string.Empty : ": " + detail);
        if (response.StatusCode == HttpStatusCode.Unauthorized && !_hasPassword)
        {
            message += $" ({AdminPassword.Hint})";
        }

        if (response.Headers.RetryAfter?.Delta is { } retryAfter)
        {
            message += $" (retry after {retryAfter.TotalSeconds:0} s)";
        }

        return new ApiProblem(status, message);
    }

    private static (string? Title, string? Detail) ReadProblem(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                ? (StringOrNull(root, "title"), StringOrNull(root, "detail"))
                : (null, null);
        }
        catch (JsonException)
        {
            // Not ours (a proxy's HTML page, say): the status line has to do.
            return (null, null);
        }
    }

    private static string? StringOrNull(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static string Reason(HttpRequestException exception)
    {
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
                    SocketError.TimedOut => "connection timed out",
                    SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
                    SocketError.ConnectionReset => "connection reset",
                    _ => socket.Message,
                };
            }
        }

        return exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "host not found",
            HttpRequestError.SecureConnectionError => "TLS handshake failed",
            _ => exception.Message,
        };
    }
}
