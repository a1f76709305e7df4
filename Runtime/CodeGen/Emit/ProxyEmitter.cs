using System.Collections.Generic;
using OrleansPlatform.Runtime.CodeGen.Model;

namespace OrleansPlatform.Runtime.CodeGen.Emit;

/// <summary>Emits <c>X_Proxy</c>: a grain reference implementing every method with an explicit implementation.</summary>
internal static class ProxyEmitter
{
    public static string Emit(InterfaceModel model)
    {
        var w = CodeWriter.StartFile();
        var className = model.ProxyClassName;
        w.Line("// Generated proxy (grain reference) for " + model.TypeName + ".");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"OrleansPlatform.Runtime.CodeGen\", \"1.0\")]");
        w.Open("internal sealed class " + className + " : " + CodeWriter.Invocation + ".GrainReference, " + model.TypeName);
        w.Line("public " + className + "(global::OrleansPlatform.Runtime.GrainId grainId, " + CodeWriter.Invocation + ".IGrainCallInvoker invoker)");
        w.Line("    : base(grainId, invoker)");
        w.Line("{");
        w.Line("}");
        w.Line();
        w.Line("public override " + CodeWriter.Invocation + ".GrainInterfaceMetadata InterfaceMetadata => global::"
            + CodeWriter.GeneratedNamespace + "." + model.MetadataClassName + ".Instance;");

        foreach (var proxyMethod in model.ProxyMethods)
        {
            w.Line();
            EmitMethod(w, model, proxyMethod);
        }

        w.Close();
        return w.ToString();
    }

    private static void EmitMethod(CodeWriter w, InterfaceModel model, ProxyMethodModel proxyMethod)
    {
        var method = model.Methods[proxyMethod.MethodIndex];
        var parameterList = new List<string>(proxyMethod.Parameters.Count);
        var names = new HashSet<string>();
        foreach (var parameter in proxyMethod.Parameters)
        {
            parameterList.Add(parameter.Type + " " + parameter.Name);
            names.Add(parameter.Name.TrimStart('@'));
        }

        // The local must not shadow a parameter.
        var request = "request";
        while (names.Contains(request))
        {
            request = "_" + request;
        }

        var bang = proxyMethod.SuppressNullability ? "!" : string.Empty;
        w.Open(proxyMethod.ReturnType + " " + proxyMethod.InterfaceType + "." + proxyMethod.EscapedName + "(" + string.Join(", ", parameterList) + ")");
        w.Line("var " + request + " = new global::" + CodeWriter.GeneratedNamespace + "." + method.RequestClassName(model) + "();");
        foreach (var parameter in proxyMethod.Parameters)
        {
            w.Line(parameter.IsCancellationToken
                ? request + ".CancellationToken = " + parameter.Name + ";"
                : request + ".Arg" + parameter.ArgumentIndex + " = " + parameter.Name + bang + ";");
        }

        if (method.IsOneWay)
        {
            w.Line("base.InvokeOneWay(" + request + ");");
            w.Line(method.ReturnKind == ReturnKind.ValueTask ? "return default;" : "return " + CodeWriter.Tasks + ".Task.CompletedTask;");
        }
        else
        {
            var invoke = "base.InvokeAsync(" + request + ")" + bang;
            w.Line(method.ReturnKind switch
            {
                ReturnKind.ValueTask => "return new " + CodeWriter.Tasks + ".ValueTask(" + invoke + ");",
                ReturnKind.ValueTaskOfT => "return new " + proxyMethod.ReturnType + "(" + invoke + ");",
                _ => "return " + invoke + ";",
            });
        }

        w.Close();
    }
}
