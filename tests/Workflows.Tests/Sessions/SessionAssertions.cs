using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Applications.Catalog;

namespace OrleansPlatform.Workflows.Tests.Sessions;

internal static class SessionAssertions
{
    /// <summary>The seeded products a keyword search finds, in result order.</summary>
    public static IReadOnlyList<Product> Matching(string keyword) =>
        Enumerable.Range(1, 10_000).Select(i => CatalogSeeder.Describe(i)).Where(p => p.Name.Contains(keyword, StringComparison.OrdinalIgnoreCase)).ToList();

    public static long[] ItemIds(SessionReply reply) =>
        reply.View.Data.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray();

    public static SessionAction Act(string action, long seq, params (string Name, string Value)[] inputs) =>
        new(action, inputs.ToDictionary(i => i.Name, i => (string?)i.Value), seq);

    /// <summary>The stored session record, compact JSON (PostgreSQL's jsonb text adds spaces).</summary>
    public static async Task<string> ReadRecordAsync(IServiceProvider services, string sessionId)
    {
        await using var connection = await services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(CancellationToken.None);
        var payload = await connection.QuerySingleAsync<string>(
            "SELECT CAST(state AS text) FROM grain_state WHERE state_name = 'session' AND grain_key = @Key", new { Key = sessionId });
        using var document = JsonDocument.Parse(payload);
        return JsonSerializer.Serialize(document.RootElement);
    }
}
