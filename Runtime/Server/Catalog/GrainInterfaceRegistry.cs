using System.Collections.Concurrent;
using System.Reflection;
using OrleansPlatform.Runtime.Invocation;

namespace OrleansPlatform.Runtime.Catalog;

/// <summary>
/// Finds the generated <see cref="GrainInterfaceMetadata"/> of grain interfaces. Each assembly's
/// <see cref="GrainInterfaceMetadataAttribute"/>s are read once, the first time one of its interfaces is used.
/// </summary>
public sealed class GrainInterfaceRegistry
{
    private readonly ConcurrentDictionary<Type, GrainInterfaceMetadata> _byType = new();
    private readonly ConcurrentDictionary<string, GrainInterfaceMetadata> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Assembly, bool> _scanned = new();

    /// <summary>The metadata of <paramref name="interfaceType"/>.</summary>
    /// <exception cref="InvalidOperationException">The interface has no generated code.</exception>
    public GrainInterfaceMetadata Get(Type interfaceType)
    {
        if (_byType.TryGetValue(interfaceType, out var metadata))
        {
            return metadata;
        }

        Scan(interfaceType.Assembly);
        return _byType.TryGetValue(interfaceType, out metadata)
            ? metadata
            : throw new InvalidOperationException(
                $"No generated code for grain interface {interfaceType.FullName}. Set <UsesGrainCodeGen>true</UsesGrainCodeGen> in the project that declares it.");
    }

    /// <summary>The metadata for an interface's wire name, or null when no scanned assembly declares it.</summary>
    public GrainInterfaceMetadata? Find(string interfaceName) =>
        _byName.TryGetValue(interfaceName, out var metadata) ? metadata : null;

    /// <summary>Reads the generated metadata of every grain interface declared in <paramref name="assembly"/>.</summary>
    public void Scan(Assembly assembly)
    {
        if (_scanned.ContainsKey(assembly))
        {
            return;
        }

        // An assembly counts as scanned only once its metadata is registered: a concurrent first caller waits here
        // instead of finding the assembly "scanned" but its interfaces missing.
        lock (_scanned)
        {
            if (_scanned.ContainsKey(assembly))
            {
                return;
            }

            foreach (var attribute in assembly.GetCustomAttributes<GrainInterfaceMetadataAttribute>())
            {
                var metadata = (GrainInterfaceMetadata)Activator.CreateInstance(attribute.MetadataType)!;
                _byType[metadata.InterfaceType] = metadata;
                _byName[metadata.InterfaceName] = metadata;
            }

            _scanned[assembly] = true;
        }
    }
}
