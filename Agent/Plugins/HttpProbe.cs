using System.Net.Sockets;

namespace OrleansPlatform.Agent.Plugins;

/// <summary>One GET, reduced to its status code or why there was none (for monitors: never throws for the network).</summary>
internal sealed class HttpProbe(IHttpClientFactory clients)
{
    /// <summary>The named client monitors use: short time-out, no redirects followed.</summary>
    public const string ClientName = "oplat-agent-probe";

    /// <summary>The reason given when the URL did not answer within the client's time-out.</summary>
    public const string NoAnswerInTime = "no answer in time";

    /// <summary>A status, or null and the reason.</summary>
    public readonly record struct Answer(int? Status, string? Error);

    public static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    public async Task<Answer> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await clients.CreateClient(ClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return new Answer((int)response.StatusCode, null);
        }
        catch (HttpRequestException exception)
        {
            var socket = exception.InnerException as SocketException;
            return new Answer(null, socket?.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused" : exception.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Answer(null, NoAnswerInTime);
        }
    }
}
