using System.Text.Json;

namespace OrleansPlatform.Workflows.Pools;

/// <summary>Pools in canonical form, with the size of each entry (for the record size limit's error) and of the whole, in UTF-8 bytes.</summary>
public sealed record EncodedPools(JsonElement Json, IReadOnlyList<PoolEntrySize> Entries, int Bytes);
