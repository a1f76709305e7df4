using System.Text.Json;

namespace OrleansPlatform.Workflows.Pools;

/// <summary>Pools in canonical form, with the size of each entry (for the record size limit's error).</summary>
public sealed record EncodedPools(JsonElement Json, IReadOnlyList<PoolEntrySize> Entries);
