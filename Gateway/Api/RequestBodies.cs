using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace OrleansPlatform.Gateway.Api;

/// <summary>Reads request bodies with a size limit, so a client cannot make the Gateway buffer without end.</summary>
public static class RequestBodies
{
    /// <summary>What a 400 for <see cref="HasInvalidText"/> says.</summary>
    public const string InvalidTextMessage = "The body holds a string that is not valid Unicode (an unpaired surrogate escape such as \\ud800, or invalid UTF-8).";

    /// <summary>The body, or TooLarge when it (or its declared length) exceeds <paramref name="maxBytes"/>.</summary>
    public static async Task<(byte[] Body, bool TooLarge)> ReadBoundedAsync(HttpRequest request, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return ([], true);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        using var buffer = new MemoryStream();
        try
        {
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return ([], true);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ([], true);
        }

        return (buffer.ToArray(), false);
    }

    /// <summary>
    /// True when a string or property name anywhere in <paramref name="element"/> cannot be decoded: JSON allows an
    /// unpaired surrogate escape (<c>"\ud800"</c>) that .NET cannot turn into a string, and reading it would throw
    /// deep inside a handler (a 500) instead of answering the client's mistake with a 400.
    /// </summary>
    public static bool HasInvalidText(JsonElement element)
    {
        try
        {
            Visit(element);
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }

        // Recursion is bounded by the parser's depth limit (64 by default, 8 for actions).
        static void Visit(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        Visit(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Visit(item);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// A small JSON object body: the object, or the problem to answer (415 not JSON, 413 too large, 400 malformed or not
    /// an object). An empty body is an empty object when <paramref name="emptyIsObject"/>.
    /// </summary>
    public static async Task<(JsonElement Object, IResult? Problem)> ReadJsonObjectAsync(HttpRequest request, int maxBytes, bool emptyIsObject = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (default, GatewayProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json."));
        }

        var (body, tooLarge) = await ReadBoundedAsync(request, maxBytes);
        if (tooLarge)
        {
            return (default, GatewayProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body may be at most {maxBytes} bytes."));
        }

        if (body.Length == 0 && emptyIsObject)
        {
            return (JsonDocument.Parse("{}").RootElement, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind != JsonValueKind.Object
                ? (default, GatewayProblems.Problem(StatusCodes.Status400BadRequest, "Invalid body", "The body must be a JSON object."))
                : HasInvalidText(document.RootElement)
                    ? (default, GatewayProblems.Problem(StatusCodes.Status400BadRequest, "Invalid body", InvalidTextMessage))
                    : (document.RootElement.Clone(), null);
        }
        catch (JsonException exception)
        {
            return (default, GatewayProblems.Problem(StatusCodes.Status400BadRequest, "Invalid body", $"The body is not valid JSON: {exception.Message}"));
        }
    }
}
