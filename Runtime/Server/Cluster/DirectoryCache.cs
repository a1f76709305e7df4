using System.Collections.Concurrent;
using OrleansPlatform.Runtime.GrainDirectory;

namespace OrleansPlatform.Runtime.Cluster;

/// <summary>This silo's cache of directory entries that point to other silos; dropped per silo when it dies.</summary>
internal sealed class DirectoryCache
{
    private readonly ConcurrentDictionary<GrainId, DirectoryEntry> _entries = new();

    public bool TryGet(GrainId grainId, out DirectoryEntry entry) => _entries.TryGetValue(grainId, out entry!);

    public void Put(DirectoryEntry entry) => _entries[entry.GrainId] = entry;

    public void Remove(GrainId grainId) => _entries.TryRemove(grainId, out _);

    public void RemoveSilo(string siloId)
    {
        foreach (var (grainId, entry) in _entries)
        {
            if (entry.SiloId == siloId)
            {
                _entries.TryRemove(KeyValuePair.Create(grainId, entry));
            }
        }
    }
}
