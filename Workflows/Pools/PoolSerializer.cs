using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansPlatform.Workflows.References;

namespace OrleansPlatform.Workflows.Pools;

/// <summary>
/// See <see cref="IPoolSerializer"/>. Form: <c>{"a":{application},"c":[{"s":step,"at":current,"in":port,"v":{values},"p":{simple}}],"i":{interactive}}</c>;
/// empty tables and null ports are left out.
/// </summary>
internal sealed class PoolSerializer(ILogicalReferences references) : IPoolSerializer
{
    public EncodedPools Encode(GlobalPool pools)
    {
        var entries = new List<PoolEntrySize>();
        var root = new JsonObject();
        AddTable(root, "a", pools.Application, "application", entries);
        var stack = new JsonArray();
        foreach (var composite in pools.Composites)
        {
            var frame = new JsonObject { ["s"] = composite.Step, ["at"] = composite.CurrentStep };
            if (composite.EnteredPort is not null)
            {
                frame["in"] = composite.EnteredPort;
            }

            AddTable(frame, "v", composite.Values, $"composite[{composite.Step}]", entries);
            AddTable(frame, "p", composite.Simple, $"simple[{composite.Step}]", entries);
            stack.Add(frame);
        }

        root["c"] = stack;
        AddTable(root, "i", pools.Interactive, "interactive", entries);
        return new EncodedPools(JsonSerializer.SerializeToElement(root), entries);
    }

    public async Task<GlobalPool> DecodeAsync(JsonElement json, CancellationToken cancellationToken)
    {
        var pools = new GlobalPool();
        if (json.ValueKind != JsonValueKind.Object)
        {
            return pools;
        }

        await ReadTableAsync(json, "a", pools.Application, cancellationToken);
        if (json.TryGetProperty("c", out var stack))
        {
            foreach (var frame in stack.EnumerateArray())
            {
                var composite = new CompositeStepPool(frame.GetProperty("s").GetString()!)
                {
                    CurrentStep = frame.GetProperty("at").GetString()!,
                    EnteredPort = frame.TryGetProperty("in", out var port) ? port.GetString() : null,
                };
                await ReadTableAsync(frame, "v", composite.Values, cancellationToken);
                await ReadTableAsync(frame, "p", composite.Simple, cancellationToken);
                pools.Composites.Add(composite);
            }
        }

        await ReadTableAsync(json, "i", pools.Interactive, cancellationToken);
        return pools;
    }

    private void AddTable(JsonObject parent, string name, NameValueTable table, string label, List<PoolEntrySize> entries)
    {
        if (table.Count == 0)
        {
            return;
        }

        var json = new JsonObject();
        foreach (var (key, value) in table)
        {
            var form = references.Encode(value);
            entries.Add(new PoolEntrySize($"{label}.{key}", Encoding.UTF8.GetByteCount(form?.ToJsonString() ?? "null")));
            json[key] = form;
        }

        parent[name] = json;
    }

    private async Task ReadTableAsync(JsonElement parent, string name, NameValueTable table, CancellationToken cancellationToken)
    {
        if (!parent.TryGetProperty(name, out var json))
        {
            return;
        }

        foreach (var property in json.EnumerateObject())
        {
            table.Set(property.Name, await references.DecodeAsync(property.Value, cancellationToken));
        }
    }
}
