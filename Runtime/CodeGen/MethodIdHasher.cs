using System.Text;

namespace OrleansPlatform.Runtime.CodeGen;

/// <summary>
/// Method ids: 32-bit FNV-1a over the UTF-8 bytes of <c>Name(ParamType1,ParamType2)</c>, with parameter types in
/// <see cref="Microsoft.CodeAnalysis.SymbolDisplayFormat.FullyQualifiedFormat"/> (no nullable annotations). An id
/// depends only on the method's own name and parameter types, so reordering or adding methods does not change it.
/// </summary>
internal static class MethodIdHasher
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Hash(string text)
    {
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            unchecked
            {
                hash ^= b;
                hash *= Prime;
            }
        }

        return hash;
    }
}
