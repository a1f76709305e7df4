using System.Globalization;

namespace OrleansPlatform.Runtime;

/// <summary>
/// The identity of a grain: its grain type (the implementing class's grain type name) and its key, both as strings
/// so that an id means the same thing on every silo and in the cluster database.
/// </summary>
public readonly record struct GrainId
{
    /// <summary>Creates an id from a grain type name and an already-encoded key.</summary>
    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(key);
        Type = type;
        Key = key;
    }

    /// <summary>The grain type name, e.g. <c>counter</c>.</summary>
    public string Type { get; }

    /// <summary>The key in its canonical string form.</summary>
    public string Key { get; }

    /// <summary>Encodes a Guid key canonically.</summary>
    public static string EncodeKey(Guid key) => key.ToString("N", CultureInfo.InvariantCulture);

    /// <summary>Encodes an integer key canonically.</summary>
    public static string EncodeKey(long key) => key.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses <c>type/key</c> as produced by <see cref="ToString"/>.</summary>
    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"'{value}' is not a grain id; expected 'type/key'.");
        }

        return new GrainId(value[..slash], value[(slash + 1)..]);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
