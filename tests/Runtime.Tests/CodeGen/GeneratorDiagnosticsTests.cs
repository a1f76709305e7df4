using Microsoft.CodeAnalysis;

namespace OrleansPlatform.Runtime.Tests.CodeGen;

/// <summary>Each invalid grain interface shape yields its diagnostic, on the offending member, and no generated code.</summary>
public sealed class GeneratorDiagnosticsTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using OrleansPlatform.Runtime;

        namespace Demo;

        """;

    [Fact]
    public void OPG001_non_task_return_type()
        => AssertSingle("OPG001", "int Count();", member: "Count");

    [Fact]
    public void OPG001_void_return_type()
        => AssertSingle("OPG001", "void Fire(string value);", member: "Fire");

    [Theory]
    [InlineData("ref")]
    [InlineData("out")]
    [InlineData("in")]
    [InlineData("ref readonly")]
    public void OPG002_by_reference_parameter(string modifier)
    {
        var diagnostic = AssertSingle("OPG002", $"Task Update({modifier} int value);", member: "Update");
        Assert.Contains("'value'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void OPG002_ref_struct_parameter()
    {
        var diagnostic = AssertSingle("OPG002", "Task Update(Span<int> values);", member: "Update");
        Assert.Contains("'values'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void OPG003_one_way_with_result()
        => AssertSingle("OPG003", "[OneWay] Task<int> Fire();", member: "Fire");

    [Fact]
    public void OPG004_generic_method()
        => AssertSingle("OPG004", "Task<T> Get<T>();", member: "Get");

    [Theory]
    [InlineData("string Name { get; }", "Name", "property")]
    [InlineData("event EventHandler Changed;", "Changed", "event")]
    [InlineData("int this[int index] { get; }", "this[]", "indexer")]
    public void OPG005_property_event_or_indexer(string member, string name, string kind)
    {
        var diagnostic = AssertSingle("OPG005", member, member: name == "this[]" ? "this" : name);
        Assert.Contains($"{kind} '{name}'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void OPG006_method_id_collision()
    {
        // FNV-1a("Op1422789()") == FNV-1a("Op1639192()") == 3096662800.
        var diagnostic = AssertSingle("OPG006", "Task Op1422789();\n    Task Op1639192();", member: "Op1639192");
        Assert.Contains("Op1422789", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("3096662800", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void OPG006_collision_between_inherited_interfaces_is_reported_on_the_derived_interface()
    {
        var run = GeneratorHarness.Run(Usings + """
            public interface IA : IGrainWithStringKey { Task Op1422789(); }
            public interface IB : IGrainWithStringKey { Task Op1639192(); }
            public interface IBoth : IA, IB { }
            """);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("OPG006", diagnostic.Id);
        Assert.Contains("Demo.IBoth", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(run.GeneratedHintNames, name => name.StartsWith("Demo_IBoth", StringComparison.Ordinal));
        Assert.Contains("Demo_IA.Proxy.g.cs", run.GeneratedHintNames);
    }

    [Fact]
    public void OPG007_two_cancellation_tokens()
    {
        var diagnostic = AssertSingle("OPG007", "Task Work(CancellationToken first, CancellationToken second);", member: "Work");
        Assert.Contains("2 CancellationToken", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void OPG008_generic_interface()
    {
        var run = GeneratorHarness.Run(Usings + "public interface IBad<T> : IGrainWithStringKey { Task<T> Get(); }\n");
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("OPG008", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("Demo.IBad<T>", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("IBad", SourceAt(run, diagnostic));
        Assert.Empty(run.GeneratedHintNames);
    }

    [Fact]
    public void Error_in_a_base_grain_interface_is_reported_once_and_suppresses_the_derived_interface()
    {
        var run = GeneratorHarness.Run(Usings + """
            public interface IBase : IGrainWithStringKey { int Broken(); }
            public interface IDerived : IBase { Task Fine(); }
            """);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("OPG001", diagnostic.Id);
        Assert.Equal("Broken", SourceAt(run, diagnostic));
        Assert.Empty(run.GeneratedHintNames);
    }

    [Fact]
    public void Method_of_an_inherited_non_grain_interface_is_validated()
    {
        var run = GeneratorHarness.Run(Usings + "public interface IDisposableGrain : IGrainWithStringKey, IDisposable { }\n");
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("OPG001", diagnostic.Id);
        Assert.Contains("'Dispose'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("IDisposableGrain", SourceAt(run, diagnostic));
    }

    /// <summary>
    /// Declares <paramref name="members"/> next to a valid method in a grain interface and asserts exactly one
    /// diagnostic <paramref name="id"/>: an error whose message names the interface and the member, located on the
    /// member's name, with nothing generated for the interface.
    /// </summary>
    private static Diagnostic AssertSingle(string id, string members, string member)
    {
        var run = GeneratorHarness.Run(Usings + $$"""
            public interface IBadGrain : IGrainWithStringKey
            {
                Task<int> Fine(int value);
                {{members}}
            }
            """);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("OrleansPlatform.CodeGen", diagnostic.Descriptor.Category);
        var message = diagnostic.GetMessage();
        Assert.Contains("'Demo.IBadGrain'", message, StringComparison.Ordinal);
        Assert.Contains(member == "this" ? "this[]" : member, message, StringComparison.Ordinal);
        Assert.Equal(member, SourceAt(run, diagnostic));
        Assert.Empty(run.GeneratedHintNames);
        return diagnostic;
    }

    private static string SourceAt(GeneratorRun run, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var tree = run.Input.SyntaxTrees.Single(t => t.FilePath == span.Path);
        return tree.GetText().ToString(diagnostic.Location.SourceSpan);
    }
}
