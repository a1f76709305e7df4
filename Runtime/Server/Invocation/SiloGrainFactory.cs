using System.Collections.Concurrent;
using OrleansPlatform.Runtime.Catalog;

namespace OrleansPlatform.Runtime.Invocation;

/// <summary>The silo's grain factory: maps an interface to its grain type once, then creates generated proxies.</summary>
internal sealed class SiloGrainFactory : IGrainFactory
{
    private readonly GrainInterfaceRegistry _interfaces;
    private readonly GrainTypeRegistry _types;
    private readonly IGrainCallInvoker _invoker;
    private readonly ConcurrentDictionary<Type, (GrainInterfaceMetadata Metadata, string GrainType)> _byInterface = new();

    public SiloGrainFactory(GrainInterfaceRegistry interfaces, GrainTypeRegistry types, IGrainCallInvoker invoker)
    {
        _interfaces = interfaces;
        _types = types;
        _invoker = invoker;
    }

    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        return Create<TGrainInterface>(key);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid key)
        where TGrainInterface : IGrainWithGuidKey => Create<TGrainInterface>(GrainId.EncodeKey(key));

    public TGrainInterface GetGrain<TGrainInterface>(long key)
        where TGrainInterface : IGrainWithIntegerKey => Create<TGrainInterface>(GrainId.EncodeKey(key));

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IGrain =>
        (TGrainInterface)(object)_interfaces.Get(typeof(TGrainInterface)).CreateReference(grainId, _invoker);

    private TGrainInterface Create<TGrainInterface>(string key)
    {
        var (metadata, grainType) = _byInterface.GetOrAdd(
            typeof(TGrainInterface),
            static (type, self) => (self._interfaces.Get(type), self._types.ResolveGrainType(type)),
            this);
        return (TGrainInterface)(object)metadata.CreateReference(new GrainId(grainType, key), _invoker);
    }
}
