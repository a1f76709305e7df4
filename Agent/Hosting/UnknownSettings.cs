using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace OrleansPlatform.Agent.Hosting;

/// <summary>
/// Finds keys of a configuration section that no options property reads (a typo such as <c>Agent:Heartbeet</c>), so
/// that a mistake in agent.json is an error naming the key rather than a silent default.
/// </summary>
internal static class UnknownSettings
{
    /// <summary>The paths under <paramref name="section"/> that <paramref name="type"/> (and <paramref name="subsections"/>) do not know.</summary>
    public static IEnumerable<string> Find(IConfigurationSection section, Type type, IReadOnlyDictionary<string, Type>? subsections = null)
    {
        foreach (var child in section.GetChildren())
        {
            var sub = subsections?.FirstOrDefault(s => string.Equals(s.Key, child.Key, StringComparison.OrdinalIgnoreCase)).Value;
            if (sub is not null)
            {
                foreach (var unknown in Find(child, sub))
                {
                    yield return unknown;
                }

                continue;
            }

            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || !property.CanWrite)
            {
                yield return child.Path;
                continue;
            }

            foreach (var unknown in FindInValue(child, property.PropertyType))
            {
                yield return unknown;
            }
        }
    }

    private static IEnumerable<string> FindInValue(IConfigurationSection section, Type type)
    {
        if (IsLeaf(type))
        {
            yield break;
        }

        // Dictionaries and lists: every child is one element of the element type.
        var element = ElementType(type);
        if (element is not null)
        {
            if (IsLeaf(element))
            {
                yield break;
            }

            foreach (var item in section.GetChildren())
            {
                foreach (var unknown in Find(item, element))
                {
                    yield return unknown;
                }
            }

            yield break;
        }

        foreach (var unknown in Find(section, type))
        {
            yield return unknown;
        }
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(decimal)
        || Nullable.GetUnderlyingType(type) is not null;

    private static Type? ElementType(Type type)
    {
        if (!typeof(IEnumerable).IsAssignableFrom(type) || !type.IsGenericType)
        {
            return null;
        }

        var arguments = type.GetGenericArguments();
        return arguments.Length == 2 ? arguments[1] : arguments[0];
    }
}
