using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Workflows.Hosting;
using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.Validation;

namespace OrleansPlatform.Workflows.Packages;

/// <summary>
/// Loads application packages: an assembly, or a <c>dotnet publish</c> (or build output) folder, each in an
/// <c>AssemblyLoadContext</c> of its own with the host's assemblies shared (see <see cref="IApplicationPackage"/>).
/// Every problem is collected before the package is refused: a missing path, no entry point, an entry point that
/// throws, grain types (which cannot load into a running silo), and every validation problem of every definition.
/// </summary>
public static class ApplicationPackageLoader
{
    /// <summary>Loads, runs the entry points of and validates the package at <paramref name="path"/>.</summary>
    /// <param name="path">an assembly (<c>.dll</c>) or a folder holding one.</param>
    /// <param name="collectible">whether the package's load context can be unloaded (a throw-away check).</param>
    /// <exception cref="InvalidApplicationPackageException">with every problem found.</exception>
    public static LoadedApplicationPackage Load(string path, bool collectible = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var problems = new List<string>();
        var assemblyPath = FindMainAssembly(path, problems);
        if (assemblyPath is null)
        {
            throw new InvalidApplicationPackageException(path, problems);
        }

        var context = new ApplicationPackageLoadContext(assemblyPath, collectible);
        try
        {
            var package = LoadInto(context, path, assemblyPath, problems);
            if (problems.Count > 0 || package is null)
            {
                throw new InvalidApplicationPackageException(path, problems);
            }

            return package;
        }
        catch (InvalidApplicationPackageException) when (collectible)
        {
            context.Unload();
            throw;
        }
    }

    /// <summary>Every problem of the package at <paramref name="path"/>, loaded in a collectible context that is unloaded afterwards (empty when it would load).</summary>
    public static IReadOnlyList<string> Check(string path)
    {
        try
        {
            var package = Load(path, collectible: true);
            package.LoadContext.Unload();
            return [];
        }
        catch (InvalidApplicationPackageException refused)
        {
            return refused.Problems;
        }
    }

    private static LoadedApplicationPackage? LoadInto(ApplicationPackageLoadContext context, string path, string assemblyPath, List<string> problems)
    {
        Assembly assembly;
        Type[] types;
        try
        {
            // A copy of an assembly the silo has (the same simple name) is refused before it loads: loaded beside the
            // host's, it would be a second assembly of that name in the process, and Orleans' type resolver
            // (CachedTypeResolver, over every loaded assembly by name) could then resolve the host's types to the copy's.
            var name = AssemblyName.GetAssemblyName(assemblyPath);
            if (ApplicationPackageLoadContext.IsShared(name))
            {
                problems.Add($"{Path.GetFileName(assemblyPath)} is {name.Name}, an assembly the silo has itself; a package is an assembly of its own that references the platform's.");
                return null;
            }

            assembly = context.LoadFromAssemblyPath(assemblyPath);
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            problems.Add($"{Path.GetFileName(assemblyPath)}: some types could not be loaded: "
                + string.Join("; ", exception.LoaderExceptions.OfType<Exception>().Select(e => e.Message).Distinct(StringComparer.Ordinal)));
            return null;
        }
        catch (Exception exception) when (exception is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            problems.Add($"{Path.GetFileName(assemblyPath)} could not be loaded: {exception.Message}");
            return null;
        }

        var grains = types.Where(t => t.GetInterfaces().Any(i => i.FullName == "Orleans.IGrain")).Select(t => t.FullName).ToList();
        if (grains.Count > 0)
        {
            problems.Add($"{assembly.GetName().Name} defines grain types ({string.Join(", ", grains)}): a package with grain types of its own cannot be loaded into a running silo; it needs a rolling restart of the silos, which is not built (a package may use the platform's grains only).");
        }

        var entries = types.Where(t => t is { IsPublic: true, IsAbstract: false, IsInterface: false } && typeof(IApplicationPackage).IsAssignableFrom(t)).ToList();
        if (entries.Count == 0)
        {
            var foreign = types.Any(t => t.GetInterfaces().Any(i => i.FullName == typeof(IApplicationPackage).FullName));
            problems.Add(foreign
                ? $"{assembly.GetName().Name} implements {typeof(IApplicationPackage).FullName} from another copy of {typeof(IApplicationPackage).Assembly.GetName().Name} than the silo's; reference the authoring package, do not embed it."
                : $"{assembly.GetName().Name} has no public type implementing {typeof(IApplicationPackage).FullName} (the package's entry point).");
            return null;
        }

        var services = new ServiceCollection();
        foreach (var entry in entries)
        {
            if (entry.GetConstructor(Type.EmptyTypes) is null)
            {
                problems.Add($"Entry point {entry.FullName} has no public parameterless constructor.");
                continue;
            }

            try
            {
                ((IApplicationPackage)Activator.CreateInstance(entry)!).ConfigureServices(services);
            }
            catch (Exception exception)
            {
                var thrown = exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
                problems.Add($"Entry point {entry.FullName} threw {thrown.GetType().Name}: {thrown.Message}");
            }
        }

        var applications = services.Where(d => d.ServiceType == typeof(ApplicationDefinition) && d.ImplementationInstance is ApplicationDefinition)
            .Select(d => (ApplicationDefinition)d.ImplementationInstance!).ToList();
        if (applications.Count == 0 && problems.Count == 0)
        {
            problems.Add($"{assembly.GetName().Name} registers no application (call services.AddWorkflowApplication(...) in ConfigureServices).");
        }

        if (services.Any(d => d.ServiceType == typeof(ApplicationDefinition) && d.ImplementationInstance is null))
        {
            problems.Add($"{assembly.GetName().Name} registers an application through a factory; register the definition itself (services.AddWorkflowApplication(definition)).");
        }

        foreach (var application in applications)
        {
            problems.AddRange(WorkflowValidator.Validate(application));
        }

        foreach (var duplicate in applications.GroupBy(a => (a.Id, a.Version)).Where(g => g.Count() > 1))
        {
            problems.Add($"{duplicate.Key.Id} {duplicate.Key.Version} is registered {duplicate.Count()} times.");
        }

        return new LoadedApplicationPackage(path, assemblyPath, applications, [.. services]) { LoadContext = context };
    }

    private static string? FindMainAssembly(string path, List<string> problems)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
        {
            if (!full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{path} is not an assembly (.dll) or a folder.");
                return null;
            }

            return full;
        }

        if (!Directory.Exists(full))
        {
            problems.Add($"{path}: no such assembly or folder.");
            return null;
        }

        // A build or publish folder: its main assembly is the one with a .deps.json of the same name that the host
        // does not have itself.
        var candidates = Directory.EnumerateFiles(full, "*.deps.json")
            .Select(deps => System.IO.Path.Combine(full, System.IO.Path.GetFileName(deps)[..^".deps.json".Length] + ".dll"))
            .Where(File.Exists)
            .Where(dll => !ApplicationPackageLoadContext.IsShared(new AssemblyName(System.IO.Path.GetFileNameWithoutExtension(dll))))
            .Order(StringComparer.Ordinal)
            .ToList();
        switch (candidates.Count)
        {
            case 1:
                return candidates[0];
            case 0:
                problems.Add($"{path} holds no application assembly (a .dll with its .deps.json, as dotnet build or dotnet publish writes); name the assembly instead of the folder.");
                return null;
            default:
                problems.Add($"{path} holds several application assemblies ({string.Join(", ", candidates.Select(System.IO.Path.GetFileName))}); name the one to load.");
                return null;
        }
    }
}
