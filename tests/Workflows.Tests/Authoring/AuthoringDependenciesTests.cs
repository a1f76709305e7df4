using OrleansPlatform.Workflows.Model;

namespace OrleansPlatform.Workflows.Tests.Authoring;

/// <summary>
/// The authoring surface is what an application project references: it must not bring a database driver, the Orleans
/// runtime or server, or the platform's grain contracts with it.
/// </summary>
public sealed class AuthoringDependenciesTests
{
    private static readonly string[] Forbidden =
    [
        "Npgsql",
        "Microsoft.Data.Sqlite",
        "SQLitePCLRaw",
        "Dapper",
        "Orleans.Runtime",
        "Orleans.Server",
        "OrleansPlatform.Grains",
        "OrleansPlatform.Grains.Interfaces",
        "OrleansPlatform.Workflows.Engine",
        "OrleansPlatform.Workflows.Services",
    ];

    [Fact]
    public void The_authoring_assembly_references_no_database_driver_orleans_server_or_grain_contracts()
    {
        var assembly = typeof(ApplicationDefinition).Assembly;
        var referenced = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Equal("OrleansPlatform.Workflows.Authoring", assembly.GetName().Name);
        Assert.Contains("Orleans.Serialization", referenced); // its serializers are generated in it
        var offending = referenced.Where(name => Forbidden.Any(f => name.Equals(f, StringComparison.Ordinal) || name.StartsWith(f + ".", StringComparison.Ordinal))).ToList();
        Assert.True(offending.Count == 0, $"The authoring assembly references {string.Join(", ", offending)}.");
    }

    [Fact]
    public void The_engine_assembly_references_no_grain_contracts_and_no_database_driver()
    {
        var referenced = typeof(Engine.IWorkflowEngine).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("OrleansPlatform.Workflows.Authoring", referenced);
        Assert.DoesNotContain(referenced, name => name.StartsWith("OrleansPlatform.Grains", StringComparison.Ordinal)
            || name is "Npgsql" or "Microsoft.Data.Sqlite" or "Orleans.Runtime" or "Orleans.Server");
    }
}
