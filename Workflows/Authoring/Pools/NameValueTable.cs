using System.Collections;
using System.Globalization;

namespace OrleansPlatform.Workflows.Pools;

/// <summary>A name → value table of a pool. Values are plain values or objects with a logical reference codec.</summary>
public sealed class NameValueTable : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly SortedDictionary<string, object?> values = new(StringComparer.Ordinal);

    /// <summary>How many entries.</summary>
    public int Count => values.Count;

    /// <summary>True when <paramref name="name"/> is present.</summary>
    public bool Contains(string name) => values.ContainsKey(name);

    /// <summary>Sets <paramref name="name"/>.</summary>
    public void Set(string name, object? value) => values[name] = value;

    /// <summary>Removes <paramref name="name"/>.</summary>
    public bool Remove(string name) => values.Remove(name);

    /// <summary>Removes everything.</summary>
    public void Clear() => values.Clear();

    /// <summary>The raw value, or null.</summary>
    public object? this[string name] => values.TryGetValue(name, out var value) ? value : null;

    /// <summary>The value as <typeparamref name="T"/> (numbers convert); default when absent.</summary>
    public T? Get<T>(string name)
    {
        if (!values.TryGetValue(name, out var value) || value is null)
        {
            return default;
        }

        if (value is T typed)
        {
            return typed;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return value is IConvertible ? (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture) : default;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
