using System.Text;

namespace OrleansPlatform.Runtime.Placement;

/// <summary>32-bit FNV-1a over UTF-8: the same value in every process (unlike string.GetHashCode).</summary>
internal static class StableHash
{
    public static uint Of(string value)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }
}
