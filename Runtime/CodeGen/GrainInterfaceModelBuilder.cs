using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OrleansPlatform.Runtime.CodeGen.Diagnostics;
using OrleansPlatform.Runtime.CodeGen.Model;

namespace OrleansPlatform.Runtime.CodeGen;

/// <summary>
/// Turns one interface declaration into a <see cref="GrainInterfaceResult"/>: validates every method the proxy must
/// implement (own and inherited) and, when all are valid, captures what the emitters need as plain strings.
/// </summary>
internal static class GrainInterfaceModelBuilder
{
    /// <summary>Types as they appear in generated code: <c>global::</c>, keywords escaped, nullable annotations kept.</summary>
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Types as they are hashed into method ids: like <see cref="TypeFormat"/> without nullable annotations.</summary>
    private static readonly SymbolDisplayFormat IdFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <summary>The interface's wire name: its full name without <c>global::</c>.</summary>
    private static readonly SymbolDisplayFormat NameFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)
        .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    public static GrainInterfaceResult? Build(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var declaration = (InterfaceDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol symbol)
        {
            return null;
        }

        // A partial interface has several declarations; analyse it once, at the first.
        var references = symbol.DeclaringSyntaxReferences;
        if (references.Length == 0
            || references[0].SyntaxTree != declaration.SyntaxTree
            || references[0].Span != declaration.Span)
        {
            return null;
        }

        var known = KnownTypes.Create(context.SemanticModel.Compilation);
        if (known is null || !known.IsGrainInterface(symbol) || !IsAccessibleFromGeneratedCode(symbol))
        {
            return null;
        }

        return new Builder(symbol, known, declaration.Identifier.GetLocation(), cancellationToken).Build();
    }

    /// <summary>Generated classes live in their own namespace; a private or protected nested interface is out of reach.</summary>
    private static bool IsAccessibleFromGeneratedCode(INamedTypeSymbol symbol)
    {
        for (ISymbol? current = symbol; current is INamedTypeSymbol type; current = type.ContainingType)
        {
            switch (type.DeclaredAccessibility)
            {
                case Accessibility.Private:
                case Accessibility.Protected:
                case Accessibility.ProtectedAndInternal:
                    return false;
            }
        }

        return true;
    }

    private static bool IsGeneric(INamedTypeSymbol symbol)
    {
        for (var current = symbol; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string EscapeIdentifier(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>Derives a class-name prefix from the full name; names containing '_' get a hash suffix so they cannot collide.</summary>
    private static string UniqueName(string fullName)
    {
        var builder = new StringBuilder(fullName.Length + 9);
        foreach (var c in fullName)
        {
            builder.Append(c == '.' ? '_' : c);
        }

        if (fullName.IndexOf('_') >= 0)
        {
            builder.Append('_').Append(MethodIdHasher.Hash(fullName).ToString("x8", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private sealed class Builder
    {
        private readonly INamedTypeSymbol _symbol;
        private readonly KnownTypes _known;
        private readonly Location _interfaceLocation;
        private readonly CancellationToken _cancellationToken;
        private readonly string _fullName;
        private readonly List<DiagnosticInfo> _diagnostics = new();
        private readonly List<MethodModel> _methods = new();
        private readonly List<ProxyMethodModel> _proxyMethods = new();
        private readonly Dictionary<uint, int> _methodIndexById = new();
        private readonly List<string> _resultIdTypes = new();
        private readonly List<string> _typeSignatures = new();
        private bool _hasErrors;

        public Builder(INamedTypeSymbol symbol, KnownTypes known, Location interfaceLocation, CancellationToken cancellationToken)
        {
            _symbol = symbol;
            _known = known;
            _interfaceLocation = interfaceLocation;
            _cancellationToken = cancellationToken;
            _fullName = symbol.ToDisplayString(NameFormat);
        }

        public GrainInterfaceResult Build()
        {
            if (IsGeneric(_symbol))
            {
                Report(DiagnosticDescriptors.GenericInterface, _interfaceLocation, _fullName);
                return Result();
            }

            // Own members first (declaration order), then inherited interfaces: a deterministic order for Methods.
            AddMembersOf(_symbol);
            foreach (var inherited in _symbol.AllInterfaces)
            {
                AddMembersOf(inherited);
            }

            return Result();
        }

        private GrainInterfaceResult Result()
        {
            if (_hasErrors)
            {
                return new GrainInterfaceResult(null, _diagnostics.ToEquatableArray());
            }

            var keyKind = _known.Implements(_symbol, _known.GrainWithGuidKey) ? KeyKind.Guid
                : _known.Implements(_symbol, _known.GrainWithIntegerKey) ? KeyKind.Integer
                : KeyKind.String;
            var model = new InterfaceModel(
                _fullName,
                _symbol.ToDisplayString(TypeFormat),
                UniqueName(_fullName),
                keyKind,
                _methods.ToEquatableArray(),
                _proxyMethods.ToEquatableArray());
            return new GrainInterfaceResult(model, EquatableArray<DiagnosticInfo>.Empty);
        }

        private void AddMembersOf(INamedTypeSymbol declaringInterface)
        {
            var isOwn = SymbolEqualityComparer.Default.Equals(declaringInterface, _symbol);

            // Errors in another grain interface of this compilation are reported there; here they only suppress output.
            var reportedElsewhere = !isOwn
                && SymbolEqualityComparer.Default.Equals(declaringInterface.ContainingAssembly, _symbol.ContainingAssembly)
                && _known.IsGrainInterface(declaringInterface);
            var interfaceName = declaringInterface.ToDisplayString(NameFormat);

            foreach (var member in declaringInterface.GetMembers())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (member.IsStatic)
                {
                    continue;
                }

                var location = isOwn && member.Locations.Length > 0 ? member.Locations[0] : _interfaceLocation;
                var sink = new Sink(this, location, isOwn, reportedElsewhere);
                switch (member)
                {
                    case IPropertySymbol property:
                        sink.Report(DiagnosticDescriptors.NonMethodMember, interfaceName, property.IsIndexer ? "this[]" : property.Name, property.IsIndexer ? "indexer" : "property");
                        break;
                    case IEventSymbol @event:
                        sink.Report(DiagnosticDescriptors.NonMethodMember, interfaceName, @event.Name, "event");
                        break;
                    case IMethodSymbol { MethodKind: MethodKind.Ordinary, IsAbstract: true } method:
                        AddMethod(declaringInterface, interfaceName, method, sink);
                        break;
                }
            }
        }

        private void AddMethod(INamedTypeSymbol declaringInterface, string interfaceName, IMethodSymbol method, Sink sink)
        {
            var errorsBefore = sink.Count;
            if (method.IsGenericMethod)
            {
                sink.Report(DiagnosticDescriptors.GenericMethod, interfaceName, method.Name);
            }

            var returnKind = ClassifyReturn(method, out var resultType, out var resultIdType);
            if (returnKind is null)
            {
                sink.Report(DiagnosticDescriptors.InvalidReturnType, interfaceName, method.Name, method.ReturnType.ToDisplayString());
            }

            var isOneWay = _known.HasAttribute(method, _known.OneWay);
            if (isOneWay && returnKind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT)
            {
                sink.Report(DiagnosticDescriptors.OneWayWithResult, interfaceName, method.Name, method.ReturnType.ToDisplayString());
            }

            var cancellationTokens = 0;
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.None)
                {
                    sink.Report(DiagnosticDescriptors.ByRefParameter, interfaceName, method.Name, parameter.Name, RefKindText(parameter.RefKind));
                }
                else if (parameter.Type.IsRefLikeType)
                {
                    // A ref struct cannot be stored in a request or serialized either.
                    sink.Report(DiagnosticDescriptors.ByRefParameter, interfaceName, method.Name, parameter.Name, "ref struct " + parameter.Type.ToDisplayString());
                }

                if (SymbolEqualityComparer.Default.Equals(parameter.Type, _known.CancellationToken))
                {
                    cancellationTokens++;
                }
            }

            if (cancellationTokens > 1)
            {
                sink.Report(DiagnosticDescriptors.MultipleCancellationTokens, interfaceName, method.Name, cancellationTokens.ToString(CultureInfo.InvariantCulture));
            }

            if (sink.Count != errorsBefore || returnKind is null)
            {
                return;
            }

            var parameters = new List<ParameterModel>(method.Parameters.Length);
            var signature = new StringBuilder(method.Name).Append('(');
            var argumentIndex = 0;
            for (var i = 0; i < method.Parameters.Length; i++)
            {
                var parameter = method.Parameters[i];
                var isCancellationToken = SymbolEqualityComparer.Default.Equals(parameter.Type, _known.CancellationToken);
                parameters.Add(new ParameterModel(
                    EscapeIdentifier(parameter.Name),
                    parameter.Type.ToDisplayString(TypeFormat),
                    isCancellationToken,
                    isCancellationToken ? -1 : argumentIndex++));
                if (i > 0)
                {
                    signature.Append(',');
                }

                signature.Append(parameter.Type.ToDisplayString(IdFormat));
            }

            signature.Append(')');
            var signatureText = signature.ToString();
            var methodId = MethodIdHasher.Hash(signatureText);
            var declaringType = declaringInterface.ToDisplayString(TypeFormat);
            var returnTypeText = method.ReturnType.ToDisplayString(TypeFormat);
            var typeSignature = new StringBuilder(returnTypeText);
            foreach (var parameter in parameters)
            {
                typeSignature.Append(',').Append(parameter.Type);
            }

            var methodModel = new MethodModel(
                method.Name,
                EscapeIdentifier(method.Name),
                methodId,
                signatureText,
                declaringType,
                returnKind.Value,
                resultType,
                isOneWay,
                _known.HasAttribute(method, _known.AlwaysInterleave),
                parameters.ToEquatableArray());

            int methodIndex;
            var suppressNullability = false;
            if (_methodIndexById.TryGetValue(methodId, out var existingIndex))
            {
                var existing = _methods[existingIndex];
                var sameMethod = existing.Signature == methodModel.Signature
                    && existing.ReturnKind == methodModel.ReturnKind
                    && existing.IsOneWay == methodModel.IsOneWay
                    && existing.AlwaysInterleave == methodModel.AlwaysInterleave
                    && _resultIdTypes[existingIndex] == resultIdType;
                if (!sameMethod)
                {
                    // A collision involves this particular combination of interfaces, so it is always reported here.
                    var collisionLocation = sink.IsOwn ? sink.Location : _interfaceLocation;
                    Report(
                        DiagnosticDescriptors.MethodIdCollision,
                        collisionLocation,
                        _fullName,
                        Describe(existing),
                        interfaceName + "." + signatureText,
                        methodId.ToString(CultureInfo.InvariantCulture));
                    return;
                }

                // The same method declared in two inherited interfaces: one request, two explicit implementations.
                methodIndex = existingIndex;
                suppressNullability = _typeSignatures[existingIndex] != typeSignature.ToString();
            }
            else
            {
                methodIndex = _methods.Count;
                _methods.Add(methodModel);
                _methodIndexById.Add(methodId, methodIndex);
                _resultIdTypes.Add(resultIdType);
                _typeSignatures.Add(typeSignature.ToString());
            }

            _proxyMethods.Add(new ProxyMethodModel(
                declaringType,
                EscapeIdentifier(method.Name),
                returnTypeText,
                methodModel.Parameters,
                methodIndex,
                suppressNullability));
        }

        private static string Describe(MethodModel method)
        {
            var declaring = method.DeclaringInterface.StartsWith("global::", System.StringComparison.Ordinal)
                ? method.DeclaringInterface.Substring("global::".Length)
                : method.DeclaringInterface;
            return declaring + "." + method.Signature;
        }

        private static string RefKindText(RefKind refKind) => refKind switch
        {
            RefKind.Ref => "ref",
            RefKind.Out => "out",
            RefKind.In => "in",
            _ => "ref readonly",
        };

        private ReturnKind? ClassifyReturn(IMethodSymbol method, out string resultType, out string resultIdType)
        {
            resultType = "global::OrleansPlatform.Runtime.Invocation.None";
            resultIdType = resultType;
            if (method.ReturnsByRef || method.ReturnsByRefReadonly || method.ReturnType is not INamedTypeSymbol returnType)
            {
                return null;
            }

            var definition = returnType.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(definition, _known.Task))
            {
                return ReturnKind.Task;
            }

            if (SymbolEqualityComparer.Default.Equals(definition, _known.ValueTask))
            {
                return ReturnKind.ValueTask;
            }

            var isTaskOfT = SymbolEqualityComparer.Default.Equals(definition, _known.TaskOfT);
            var isValueTaskOfT = SymbolEqualityComparer.Default.Equals(definition, _known.ValueTaskOfT);
            if (!isTaskOfT && !isValueTaskOfT)
            {
                return null;
            }

            var argument = returnType.TypeArguments[0];
            if (argument.IsRefLikeType || argument.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
            {
                return null;
            }

            resultType = argument.ToDisplayString(TypeFormat);
            resultIdType = argument.ToDisplayString(IdFormat);
            return isTaskOfT ? ReturnKind.TaskOfT : ReturnKind.ValueTaskOfT;
        }

        private void Report(DiagnosticDescriptor descriptor, Location location, params string[] arguments)
        {
            _hasErrors = true;
            _diagnostics.Add(new DiagnosticInfo(descriptor.Id, LocationInfo.From(location), arguments.ToEquatableArray()));
        }

        /// <summary>Collects a member's errors: reports them here, or only records that they exist.</summary>
        private sealed class Sink
        {
            private readonly Builder _owner;
            private readonly bool _reportedElsewhere;

            public Sink(Builder owner, Location location, bool isOwn, bool reportedElsewhere)
            {
                _owner = owner;
                Location = location;
                IsOwn = isOwn;
                _reportedElsewhere = reportedElsewhere;
            }

            public Location Location { get; }

            public bool IsOwn { get; }

            public int Count { get; private set; }

            public void Report(DiagnosticDescriptor descriptor, params string[] arguments)
            {
                Count++;
                if (_reportedElsewhere)
                {
                    _owner._hasErrors = true;
                }
                else
                {
                    _owner.Report(descriptor, Location, arguments);
                }
            }
        }
    }
}
