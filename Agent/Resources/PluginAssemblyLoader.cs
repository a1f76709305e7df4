using System.Reflection;
using System.Runtime.Loader;

namespace OrleansPlatform.Agent.Resources;

/// <summary>
/// Loads plugin assemblies named in <c>Agent:PluginAssemblies</c> into the agent's own load context, so their plugin
/// classes implement the very <see cref="IResourcePlugin"/> the agent has. Their own dependencies are looked for beside
/// them when the agent does not have them.
/// </summary>
internal static class PluginAssemblyLoader
{
    private static readonly List<string> Directories = [];

    static PluginAssemblyLoader() => AssemblyLoadContext.Default.Resolving += Resolve;

    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static Assembly Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"plugin assembly {fullPath} does not exist", fullPath);
        }

        lock (Directories)
        {
            var directory = Path.GetDirectoryName(fullPath)!;
            if (!Directories.Contains(directory))
            {
                Directories.Add(directory);
            }
        }

        var name = AssemblyName.GetAssemblyName(fullPath);
        return AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name))
            ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        string[] directories;
        lock (Directories)
        {
            directories = [.. Directories];
        }

        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, name.Name + ".dll");
            if (File.Exists(candidate))
            {
                return context.LoadFromAssemblyPath(candidate);
            }
        }

        return null;
    }
}
