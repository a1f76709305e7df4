using System.Text.Json;

namespace OrleansPlatform.Workflows.Pools;

/// <summary>Serializes a global pool with logical references and rebuilds it (reloading referenced objects).</summary>
public interface IPoolSerializer
{
    /// <summary>The canonical form of <paramref name="pools"/>.</summary>
    EncodedPools Encode(GlobalPool pools);

    /// <summary>Rebuilds pools from their canonical form.</summary>
    Task<GlobalPool> DecodeAsync(JsonElement json, CancellationToken cancellationToken);
}
