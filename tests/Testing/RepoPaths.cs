namespace OrleansPlatform.Testing;

/// <summary>Locates the repository and the build outputs of the platform's executables.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (Debug or Release), taken from the test assembly's path.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string GatewayDll => Output("Gateway", "OrleansPlatform.Gateway.dll");

    public static string SiloDll => Output("Silo", "OrleansPlatform.Silo.dll");

    /// <summary>The operators' CLI, <c>oplat</c>.</summary>
    public static string CliDll => Output("Cli", "oplat.dll");

    /// <summary>The build output folder of the test application package <c>tests/Packages/NAME</c> (an application package as <c>dotnet build</c> writes it).</summary>
    public static string TestPackage(string name)
    {
        var folder = Path.Combine(Root, "tests", "Packages", name, "bin", Configuration, "net10.0");
        return Directory.Exists(folder)
            ? folder
            : throw new DirectoryNotFoundException($"The test package {name} is not built; build the solution ({Configuration}) before running these tests: {folder}");
    }

    private static string Output(string project, string dll)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{dll} is not built; build the solution ({Configuration}) before running these tests.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("OrleansPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
