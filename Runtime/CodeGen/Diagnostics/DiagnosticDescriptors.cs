using Microsoft.CodeAnalysis;

namespace OrleansPlatform.Runtime.CodeGen.Diagnostics;

/// <summary>Errors the generator reports for grain interfaces it cannot generate code for.</summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "OrleansPlatform.CodeGen";

    public static readonly DiagnosticDescriptor InvalidReturnType = Create(
        "OPG001",
        "Grain method has an unsupported return type",
        "Method '{1}' of grain interface '{0}' returns '{2}'; grain interface methods must return Task, Task<T>, ValueTask or ValueTask<T>");

    public static readonly DiagnosticDescriptor ByRefParameter = Create(
        "OPG002",
        "Grain method has a ref, out or in parameter",
        "Parameter '{2}' of method '{1}' of grain interface '{0}' is passed by reference ({3}); grain method parameters must be passed by value and may not be ref structs");

    public static readonly DiagnosticDescriptor OneWayWithResult = Create(
        "OPG003",
        "One-way grain method returns a result",
        "Method '{1}' of grain interface '{0}' is [OneWay] but returns '{2}'; a one-way method must return Task or ValueTask");

    public static readonly DiagnosticDescriptor GenericMethod = Create(
        "OPG004",
        "Generic grain methods are not supported",
        "Method '{1}' of grain interface '{0}' is generic; generic grain methods are not supported");

    public static readonly DiagnosticDescriptor NonMethodMember = Create(
        "OPG005",
        "Grain interfaces may only declare methods",
        "Grain interface '{0}' declares the {2} '{1}'; grain interfaces may not declare properties, events or indexers");

    public static readonly DiagnosticDescriptor MethodIdCollision = Create(
        "OPG006",
        "Two grain methods have the same method id",
        "Methods '{1}' and '{2}' of grain interface '{0}' have the same method id {3}; rename one of them");

    public static readonly DiagnosticDescriptor MultipleCancellationTokens = Create(
        "OPG007",
        "Grain method takes more than one CancellationToken",
        "Method '{1}' of grain interface '{0}' takes {2} CancellationToken parameters; at most one is allowed");

    public static readonly DiagnosticDescriptor GenericInterface = Create(
        "OPG008",
        "Generic grain interfaces are not supported",
        "Grain interface '{0}' is generic (or nested in a generic type); generic grain interfaces are not supported");

    public static DiagnosticDescriptor? ById(string id) => id switch
    {
        "OPG001" => InvalidReturnType,
        "OPG002" => ByRefParameter,
        "OPG003" => OneWayWithResult,
        "OPG004" => GenericMethod,
        "OPG005" => NonMethodMember,
        "OPG006" => MethodIdCollision,
        "OPG007" => MultipleCancellationTokens,
        "OPG008" => GenericInterface,
        _ => null,
    };

    private static DiagnosticDescriptor Create(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
