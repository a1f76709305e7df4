using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrleansPlatform.Integration.Tests.Infrastructure;

/// <summary>The Gateway's admin JSON API as the CLI and scripts use it: HTTP Basic as the admin.</summary>
public sealed class AdminApi : IDisposable
{
    /// <summary>The admin password the admin tests configure on their Gateways.</summary>
    public const string Password = "test-admin-password-4f1c";

    private readonly HttpClient http;

    public AdminApi(Uri baseAddress, string password = Password)
    {
        http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + password)));
    }

    /// <summary>The settings that give a Gateway this admin password.</summary>
    public static IDictionary<string, string> GatewaySettings(IReadOnlyDictionary<string, string>? others = null)
    {
        var settings = new Dictionary<string, string>(others ?? new Dictionary<string, string>()) { ["Admin__Password"] = Password };
        return settings;
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, object? body = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) });

    public Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(string path, object body) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) });

    public Task<(HttpStatusCode Status, JsonElement Body)> PatchAsync(string path, object body) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(body) });

    public Task<(HttpStatusCode Status, JsonElement Body)> DeleteAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, path));

    /// <summary>GETs <paramref name="path"/> and requires 200.</summary>
    public async Task<JsonElement> GetOkAsync(string path)
    {
        var (status, body) = await GetAsync(path);
        return status == HttpStatusCode.OK ? body : throw new HttpRequestException($"GET {path} answered {(int)status}: {body}");
    }

    /// <summary>GETs <paramref name="path"/> (a page, a file, JSON or a stream) and gives the status alone, without reading the body.</summary>
    public async Task<HttpStatusCode> GetStatusAsync(string path)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }

    public void Dispose() => http.Dispose();

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
        }
    }
}
