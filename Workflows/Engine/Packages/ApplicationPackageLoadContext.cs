using System.Reflection;
using System.Runtime.Loader;

namespace OrleansPlatform.Workflows.Packages;

/// <summary>
/// The load context of one application package. An assembly the host has (the authoring surface, Orleans, the
/// framework, anything on the host's trusted-platform list or already loaded in the default context) is resolved from
/// the default context, so the package's types unify with the host's; the package's own assemblies, and its private
/// dependencies, load here from its folder.
/// </summary>
internal sealed class ApplicationPackageLoadContext : AssemblyLoadContext
{
    private static readonly Lazy<HashSet<string>> HostAssemblies = new(ReadHostAssemblies);
    private readonly AssemblyDependencyResolver? resolver;
    private readonly string folder;

    public ApplicationPackageLoadContext(string mainAssemblyPath, bool collectible)
        : base($"package:{Path.GetFileNameWithoutExtension(mainAssemblyPath)}", collectible)
    {
        folder = Path.GetDirectoryName(mainAssemblyPath)!;
        try
        {
            resolver = new AssemblyDependencyResolver(mainAssemblyPath);
        }
        catch (InvalidOperationException)
        {
            // No usable .deps.json beside it: dependencies are looked up by file name in its folder.
            resolver = null;
        }
    }

    /// <summary>Whether <paramref name="name"/> is one the host provides (and so is shared, not loaded per package).</summary>
    public static bool IsShared(AssemblyName name) =>
        name.Name is { } simple && (HostAssemblies.Value.Contains(simple) || Default.Assemblies.Any(a => string.Equals(a.GetName().Name, simple, StringComparison.OrdinalIgnoreCase)));

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName))
        {
            return null;
        }

        var path = resolver?.ResolveAssemblyToPath(assemblyName);
        if (path is null && assemblyName.Name is { } simple)
        {
            var candidate = Path.Combine(folder, simple + ".dll");
            path = File.Exists(candidate) ? candidate : null;
        }

        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = resolver?.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private static HashSet<string> ReadHostAssemblies()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                names.Add(Path.GetFileNameWithoutExtension(path));
            }
        }

        return names;
    }
}
