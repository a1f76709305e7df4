using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Hosting;
using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.References;
using OrleansPlatform.Workflows.Packages;
using OrleansPlatform.Workflows.Testing;

namespace OrleansPlatform.Workflows.Tests.Packages;

/// <summary>The application package loader on the test packages of tests/Packages (built with the solution).</summary>
public sealed class ApplicationPackageLoaderTests
{
    private const string GreetingAssembly = "OrleansPlatform.TestPackages.Greeting";

    [Fact]
    public void A_build_folder_loads_in_its_own_context_with_the_authoring_types_shared()
    {
        var package = ApplicationPackageLoader.Load(RepoPaths.TestPackage("Greeting"));

        var application = Assert.Single(package.Applications);
        Assert.Equal(("greeting", "1.0.0"), (application.Id, application.Version));
        Assert.Equal(GreetingAssembly + ".dll", Path.GetFileName(package.AssemblyPath));
        Assert.NotSame(AssemblyLoadContext.Default, package.LoadContext);
        Assert.Contains(package.LoadContext.Assemblies, a => a.GetName().Name == GreetingAssembly);

        // The authoring surface is the host's: one ApplicationDefinition type, loaded once, in the default context.
        Assert.DoesNotContain(package.LoadContext.Assemblies, a => a.GetName().Name == typeof(ApplicationDefinition).Assembly.GetName().Name);
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(application.GetType().Assembly));
        var greeter = Assert.Single(package.Services, d => d.ServiceType.Name == "Greeter");
        Assert.Same(package.LoadContext, AssemblyLoadContext.GetLoadContext(greeter.ServiceType.Assembly));
    }

    [Fact]
    public void The_assembly_path_loads_as_the_folder_does()
    {
        var package = ApplicationPackageLoader.Load(Path.Combine(RepoPaths.TestPackage("Greeting"), GreetingAssembly + ".dll"));

        Assert.Equal("greeting", Assert.Single(package.Applications).Id);
    }

    [Fact]
    public void A_broken_package_is_refused_with_every_problem_of_every_entry_point()
    {
        var refused = Assert.Throws<InvalidApplicationPackageException>(() => ApplicationPackageLoader.Load(RepoPaths.TestPackage("Broken")));

        Assert.Contains(refused.Problems, p => p.Contains("ThrowingPackage threw InvalidOperationException: the broken package's entry point cannot start", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.Contains("missing-entry", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.Contains("nowhere", StringComparison.Ordinal));
        Assert.True(refused.Problems.Count >= 3, string.Join(Environment.NewLine, refused.Problems));
        Assert.Contains("missing-entry", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_loads_in_a_throw_away_context_and_returns_the_problems()
    {
        Assert.Empty(ApplicationPackageLoader.Check(RepoPaths.TestPackage("Greeting")));
        Assert.Contains(ApplicationPackageLoader.Check(RepoPaths.TestPackage("Broken")), p => p.Contains("cannot start", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_path_or_a_folder_without_an_application_assembly_is_refused_naming_it()
    {
        using var empty = new TempDirectory();
        File.WriteAllText(Path.Combine(empty.Path, "notes.txt"), "not a package");

        var missing = Assert.Throws<InvalidApplicationPackageException>(() => ApplicationPackageLoader.Load(Path.Combine(empty.Path, "absent")));
        var none = Assert.Throws<InvalidApplicationPackageException>(() => ApplicationPackageLoader.Load(empty.Path));
        var notAssembly = Assert.Throws<InvalidApplicationPackageException>(() => ApplicationPackageLoader.Load(Path.Combine(empty.Path, "notes.txt")));

        Assert.Contains("no such assembly or folder", Assert.Single(missing.Problems), StringComparison.Ordinal);
        Assert.Contains("holds no application assembly", Assert.Single(none.Problems), StringComparison.Ordinal);
        Assert.Contains("is not an assembly", Assert.Single(notAssembly.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void An_assembly_without_an_entry_point_is_refused()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "NotAPackage.dll");
        var builder = new PersistedAssemblyBuilder(new AssemblyName("OrleansPlatform.TestPackages.NotAPackage"), typeof(object).Assembly);
        builder.DefineDynamicModule("OrleansPlatform.TestPackages.NotAPackage").DefineType("NotAPackage.Nothing", TypeAttributes.Public | TypeAttributes.Sealed).CreateType();
        builder.Save(path);

        var refused = Assert.Throws<InvalidApplicationPackageException>(() => ApplicationPackageLoader.Load(path));

        Assert.Contains("has no public type implementing OrleansPlatform.Workflows.Hosting.IApplicationPackage", Assert.Single(refused.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_copy_of_an_assembly_the_silo_has_is_refused_without_being_loaded()
    {
        // Loaded, a second OrleansPlatform.Workflows.Authoring would be in the process beside the host's, and Orleans'
        // type resolution by assembly name could pick it (other silos in this test process would then fail).
        using var folder = new TempDirectory();
        var copy = Path.Combine(folder.Path, "Renamed.dll");
        File.Copy(typeof(ApplicationDefinition).Assembly.Location, copy);
        var authoring = typeof(ApplicationDefinition).Assembly.GetName().Name;

        var refused = Assert.Throws<InvalidApplicationPackageException>(() => ApplicationPackageLoader.Load(copy));

        Assert.Contains($"Renamed.dll is {authoring}, an assembly the silo has itself", Assert.Single(refused.Problems), StringComparison.Ordinal);
        Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == authoring);
    }

    [Fact]
    public void Added_to_a_host_that_has_the_logical_references_the_package_adds_no_second_codec()
    {
        var package = ApplicationPackageLoader.Load(RepoPaths.TestPackage("Greeting"));
        var services = new ServiceCollection().AddLogicalReferences();
        var codecs = services.Count(d => d.ServiceType == typeof(IReferenceCodec));

        package.AddTo(services);

        Assert.Equal(codecs, services.Count(d => d.ServiceType == typeof(IReferenceCodec)));
        Assert.Single(services, d => d.ImplementationInstance is ApplicationDefinition { Id: "greeting" });
        Assert.Single(services, d => d.ServiceType.Name == "Greeter");
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<ILogicalReferences>());
    }

    [Fact]
    public async Task A_loaded_package_runs_in_a_silo_with_the_services_it_registered()
    {
        var package = ApplicationPackageLoader.Load(RepoPaths.TestPackage("Greeting"));
        await using var host = await WorkflowTestHost.StartAsync(package.AddTo);

        var session = await host.StartSessionAsync("greeting");
        var hello = await session.ActAsync("greet", ("name", "Ada"));

        Assert.Equal(("hello", "1.0.0"), (hello.Step, session.Version));
        Assert.Equal("Hello, Ada (greeting 1.0.0)", hello.Data.GetProperty("greeting").GetString());
    }
}
