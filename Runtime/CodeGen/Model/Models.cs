using Microsoft.CodeAnalysis.Text;

namespace OrleansPlatform.Runtime.CodeGen.Model;

/// <summary>How a grain method returns its result.</summary>
internal enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>How the grains of an interface are keyed; mirrors <c>OrleansPlatform.Runtime.GrainKeyKind</c>.</summary>
internal enum KeyKind
{
    String,
    Guid,
    Integer,
}

/// <summary>Everything the emitters need for one valid grain interface; contains no symbols or syntax.</summary>
/// <param name="FullName">The interface's full name without <c>global::</c>, used on the wire.</param>
/// <param name="TypeName">The interface's fully qualified C# name, with <c>global::</c>.</param>
/// <param name="UniqueName">Prefix of the generated class names, unique per interface.</param>
internal sealed record InterfaceModel(
    string FullName,
    string TypeName,
    string UniqueName,
    KeyKind KeyKind,
    EquatableArray<MethodModel> Methods,
    EquatableArray<ProxyMethodModel> ProxyMethods)
{
    public string MetadataClassName => UniqueName + "_Metadata";

    public string ProxyClassName => UniqueName + "_Proxy";
}

/// <summary>One grain method as the runtime sees it: a method id, a request class and a descriptor.</summary>
/// <param name="Name">The method name as declared (no <c>@</c>).</param>
/// <param name="EscapedName">The method name usable in C# source.</param>
/// <param name="Signature">The text the method id hashes, e.g. <c>Add(int,int)</c>.</param>
/// <param name="DeclaringInterface">The fully qualified interface that declares the method (the request calls it through that interface).</param>
/// <param name="ResultType">The fully qualified result type, or <c>None</c> for methods without a result.</param>
internal sealed record MethodModel(
    string Name,
    string EscapedName,
    uint MethodId,
    string Signature,
    string DeclaringInterface,
    ReturnKind ReturnKind,
    string ResultType,
    bool IsOneWay,
    bool AlwaysInterleave,
    EquatableArray<ParameterModel> Parameters)
{
    public string DescriptorFieldName => Name + "_" + MethodId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public int ArgumentCount
    {
        get
        {
            var count = 0;
            foreach (var parameter in Parameters)
            {
                if (!parameter.IsCancellationToken)
                {
                    count++;
                }
            }

            return count;
        }
    }

    public string RequestClassName(InterfaceModel owner) => owner.UniqueName + "_" + DescriptorFieldName + "_Request";
}

/// <summary>One parameter; <paramref name="ArgumentIndex"/> is its position among the non-CancellationToken parameters, or -1.</summary>
internal sealed record ParameterModel(string Name, string Type, bool IsCancellationToken, int ArgumentIndex);

/// <summary>
/// One explicit interface implementation on the proxy. Usually one per method, but a method declared identically in
/// two inherited interfaces needs two implementations that share one request type.
/// </summary>
/// <param name="MethodIndex">Index into <see cref="InterfaceModel.Methods"/> of the request this implementation sends.</param>
/// <param name="SuppressNullability">
/// True when this declaration differs from the request's only in nullable annotations, so arguments and result
/// are passed with <c>!</c>.
/// </param>
internal sealed record ProxyMethodModel(
    string InterfaceType,
    string EscapedName,
    string ReturnType,
    EquatableArray<ParameterModel> Parameters,
    int MethodIndex,
    bool SuppressNullability);

/// <summary>A location that compares by value (file, span), unlike <see cref="Microsoft.CodeAnalysis.Location"/>.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Microsoft.CodeAnalysis.Location ToLocation() => Microsoft.CodeAnalysis.Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Microsoft.CodeAnalysis.Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }
}

/// <summary>A diagnostic to report, in equatable form.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments);

/// <summary>The outcome of analysing one grain interface: a model to emit, or diagnostics (never both).</summary>
internal sealed record GrainInterfaceResult(InterfaceModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
