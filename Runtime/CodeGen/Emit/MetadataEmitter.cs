using System.Globalization;
using OrleansPlatform.Runtime.CodeGen.Model;

namespace OrleansPlatform.Runtime.CodeGen.Emit;

/// <summary>Emits <c>X_Metadata</c> and the assembly attribute that registers it.</summary>
internal static class MetadataEmitter
{
    public static string Emit(InterfaceModel model)
    {
        var className = model.MetadataClassName;
        var qualified = "global::" + CodeWriter.GeneratedNamespace + "." + className;
        var w = CodeWriter.StartFile(
            "[assembly: " + CodeWriter.Invocation + ".GrainInterfaceMetadataAttribute(typeof(" + qualified + "))]");

        w.Line("// Generated metadata of " + model.TypeName + ".");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"OrleansPlatform.Runtime.CodeGen\", \"1.0\")]");
        w.Open("internal sealed class " + className + " : " + CodeWriter.Invocation + ".GrainInterfaceMetadata");

        foreach (var method in model.Methods)
        {
            w.Line("public static readonly " + CodeWriter.Invocation + ".GrainMethodDescriptor " + method.DescriptorFieldName + " = new "
                + CodeWriter.Invocation + ".GrainMethodDescriptor(" + CodeWriter.Literal(model.FullName) + ", "
                + CodeWriter.Literal(method.Name) + ", " + method.MethodId.ToString(CultureInfo.InvariantCulture) + "u, "
                + Options(method) + ");");
        }

        if (model.Methods.Count > 0)
        {
            w.Line();
        }

        w.Line("private static readonly " + CodeWriter.Invocation + ".GrainMethodDescriptor[] s_methods = new " + CodeWriter.Invocation + ".GrainMethodDescriptor[]");
        w.Line("{");
        foreach (var method in model.Methods)
        {
            w.Line("    " + method.DescriptorFieldName + ",");
        }

        w.Line("};");
        w.Line();
        w.Line("private static readonly global::System.Collections.Generic.IReadOnlyList<" + CodeWriter.Invocation
            + ".GrainMethodDescriptor> s_readOnlyMethods = global::System.Array.AsReadOnly(s_methods);");
        w.Line();
        w.Line("public static readonly " + qualified + " Instance = new " + qualified + "();");
        w.Line();
        w.Line("public " + className + "()");
        w.Line("{");
        w.Line("}");
        w.Line();
        w.Line("public override global::System.Type InterfaceType => typeof(" + model.TypeName + ");");
        w.Line();
        w.Line("public override string InterfaceName => " + CodeWriter.Literal(model.FullName) + ";");
        w.Line();
        w.Line("public override global::OrleansPlatform.Runtime.GrainKeyKind KeyKind => global::OrleansPlatform.Runtime.GrainKeyKind." + model.KeyKind + ";");
        w.Line();
        w.Line("public override global::System.Collections.Generic.IReadOnlyList<" + CodeWriter.Invocation + ".GrainMethodDescriptor> Methods => s_readOnlyMethods;");
        w.Line();
        w.Line("public override " + CodeWriter.Invocation + ".GrainReference CreateReference(global::OrleansPlatform.Runtime.GrainId grainId, "
            + CodeWriter.Invocation + ".IGrainCallInvoker invoker)");
        w.Line("    => new global::" + CodeWriter.GeneratedNamespace + "." + model.ProxyClassName + "(grainId, invoker);");
        w.Line();
        w.Open("public override " + CodeWriter.Invocation + ".GrainRequest CreateRequest(uint methodId)");
        w.Open("switch (methodId)");
        foreach (var method in model.Methods)
        {
            w.Line("case " + method.MethodId.ToString(CultureInfo.InvariantCulture) + "u: return new global::"
                + CodeWriter.GeneratedNamespace + "." + method.RequestClassName(model) + "();");
        }

        w.Line("default:");
        w.Line("    throw new global::System.ArgumentOutOfRangeException(nameof(methodId), methodId, "
            + CodeWriter.Literal("Grain interface '" + model.FullName + "' has no method with id ")
            + " + methodId.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \".\");");
        w.Close();
        w.Close();
        w.Close();
        return w.ToString();
    }

    private static string Options(MethodModel method)
    {
        const string options = CodeWriter.Invocation + ".GrainMethodOptions.";
        return (method.IsOneWay, method.AlwaysInterleave) switch
        {
            (true, true) => options + "OneWay | " + options + "AlwaysInterleave",
            (true, false) => options + "OneWay",
            (false, true) => options + "AlwaysInterleave",
            _ => options + "None",
        };
    }
}
