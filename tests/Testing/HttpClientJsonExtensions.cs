using System.Text.Json;

namespace OrleansPlatform.Testing;

public static class HttpClientJsonExtensions
{
    /// <summary>GETs <paramref name="path"/>, requires a success status and parses the body.</summary>
    public static async Task<JsonDocument> GetFromJsonDocumentAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body);
    }
}
