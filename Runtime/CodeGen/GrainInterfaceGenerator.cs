using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using OrleansPlatform.Runtime.CodeGen.Diagnostics;
using OrleansPlatform.Runtime.CodeGen.Emit;
using OrleansPlatform.Runtime.CodeGen.Model;

namespace OrleansPlatform.Runtime.CodeGen;

/// <summary>
/// Generates, for every interface of the compilation that extends <c>OrleansPlatform.Runtime.IGrain</c>, a metadata
/// class (registered with an assembly attribute), a proxy, and one request class per method; or reports why not.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainInterfaceGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var results = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is InterfaceDeclarationSyntax,
                static (syntaxContext, cancellationToken) => GrainInterfaceModelBuilder.Build(syntaxContext, cancellationToken))
            .Where(static result => result is not null)
            .WithTrackingName("GrainInterfaces");

        context.RegisterSourceOutput(results, static (output, result) => Emit(output, result!));
    }

    private static void Emit(SourceProductionContext output, GrainInterfaceResult result)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            var descriptor = DiagnosticDescriptors.ById(diagnostic.Id);
            if (descriptor is null)
            {
                continue;
            }

            var arguments = new object[diagnostic.Arguments.Count];
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = diagnostic.Arguments[i];
            }

            output.ReportDiagnostic(Diagnostic.Create(descriptor, diagnostic.Location?.ToLocation() ?? Location.None, arguments));
        }

        if (result.Model is not { } model)
        {
            return;
        }

        output.AddSource(model.UniqueName + ".Metadata.g.cs", SourceText.From(MetadataEmitter.Emit(model), System.Text.Encoding.UTF8));
        output.AddSource(model.UniqueName + ".Proxy.g.cs", SourceText.From(ProxyEmitter.Emit(model), System.Text.Encoding.UTF8));
        output.AddSource(model.UniqueName + ".Requests.g.cs", SourceText.From(RequestEmitter.Emit(model), System.Text.Encoding.UTF8));
    }
}
