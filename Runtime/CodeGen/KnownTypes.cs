using Microsoft.CodeAnalysis;

namespace OrleansPlatform.Runtime.CodeGen;

/// <summary>The well-known types the generator compares against, resolved from one compilation.</summary>
internal sealed class KnownTypes
{
    private KnownTypes(Compilation compilation, INamedTypeSymbol grain)
    {
        Grain = grain;
        GrainWithStringKey = compilation.GetTypeByMetadataName("OrleansPlatform.Runtime.IGrainWithStringKey");
        GrainWithGuidKey = compilation.GetTypeByMetadataName("OrleansPlatform.Runtime.IGrainWithGuidKey");
        GrainWithIntegerKey = compilation.GetTypeByMetadataName("OrleansPlatform.Runtime.IGrainWithIntegerKey");
        OneWay = compilation.GetTypeByMetadataName("OrleansPlatform.Runtime.OneWayAttribute");
        AlwaysInterleave = compilation.GetTypeByMetadataName("OrleansPlatform.Runtime.AlwaysInterleaveAttribute");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
    }

    public INamedTypeSymbol Grain { get; }

    public INamedTypeSymbol? GrainWithStringKey { get; }

    public INamedTypeSymbol? GrainWithGuidKey { get; }

    public INamedTypeSymbol? GrainWithIntegerKey { get; }

    public INamedTypeSymbol? OneWay { get; }

    public INamedTypeSymbol? AlwaysInterleave { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    /// <summary>Null when the compilation does not reference the abstractions (nothing to generate).</summary>
    public static KnownTypes? Create(Compilation compilation)
    {
        var grain = compilation.GetTypeByMetadataName("OrleansPlatform.Runtime.IGrain");
        return grain is null ? null : new KnownTypes(compilation, grain);
    }

    public bool IsGrainInterface(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Interface || SymbolEqualityComparer.Default.Equals(type, Grain))
        {
            return false;
        }

        foreach (var inherited in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(inherited, Grain))
            {
                return true;
            }
        }

        return false;
    }

    public bool Implements(INamedTypeSymbol type, INamedTypeSymbol? candidate)
    {
        if (candidate is null)
        {
            return false;
        }

        foreach (var inherited in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(inherited, candidate))
            {
                return true;
            }
        }

        return false;
    }

    public bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return false;
        }

        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }
}
