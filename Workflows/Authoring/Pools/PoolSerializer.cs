using System.Buffers;
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
        // Written once, straight to UTF-8: the bytes are what the record stores, their length is what the size limit
        // checks, and each entry's share is measured from the writer's position as it goes.
        var entries = new List<PoolEntrySize>();
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteTable(writer, "a", pools.Application, "application", entries);
            writer.WriteStartArray("c");
            foreach (var composite in pools.Composites)
            {
                writer.WriteStartObject();
                writer.WriteString("s", composite.Step);
                writer.WriteString("at", composite.CurrentStep);
                if (composite.EnteredPort is not null)
                {
                    writer.WriteString("in", composite.EnteredPort);
                }

                WriteTable(writer, "v", composite.Values, $"composite[{composite.Step}]", entries);
                WriteTable(writer, "p", composite.Simple, $"simple[{composite.Step}]", entries);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteTable(writer, "i", pools.Interactive, "interactive", entries);
            writer.WriteEndObject();
        }

        return new EncodedPools(JsonSerializer.Deserialize<JsonElement>(buffer.WrittenSpan), entries, buffer.WrittenCount);
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

    private void WriteTable(Utf8JsonWriter writer, string name, NameValueTable table, string label, List<PoolEntrySize> entries)
    {
        if (table.Count == 0)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (key, value) in table)
        {
            writer.WritePropertyName(key);
            var before = writer.BytesCommitted + writer.BytesPending;
            if (references.Encode(value) is { } form)
            {
                form.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }

            entries.Add(new PoolEntrySize($"{label}.{key}", (int)(writer.BytesCommitted + writer.BytesPending - before)));
        }

        writer.WriteEndObject();
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
