using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansPlatform.Workflows.References;

/// <summary>A page of query results as <c>["p", query, argument, pageSize, pageNumber]</c>; rebuilt by running the query again.</summary>
internal sealed class QueryPageCodec(IEnumerable<IPagedQuery> queries) : IReferenceCodec
{
    private readonly Dictionary<string, IPagedQuery> byName = queries.ToDictionary(q => q.Name, StringComparer.Ordinal);

    public string Kind => "p";

    public bool CanEncode(object value) => value is QueryPage;

    public IEnumerable<JsonNode?> Encode(object value)
    {
        var page = (QueryPage)value;
        return [JsonValue.Create(page.Query), JsonValue.Create(page.Argument), JsonValue.Create(page.PageSize), JsonValue.Create(page.PageNumber)];
    }

    public async Task<object?> DecodeAsync(JsonElement form, CancellationToken cancellationToken)
    {
        var name = form[1].GetString()!;
        var query = byName.GetValueOrDefault(name) ?? throw new ReferenceRebuildException($"No paged query named '{name}' is registered.");
        return await query.RunAsync(form[2].GetString()!, form[3].GetInt32(), form[4].GetInt32(), cancellationToken);
    }
}
