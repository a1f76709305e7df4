using System.Collections.Generic;
using System.Globalization;
using OrleansPlatform.Runtime.CodeGen.Model;

namespace OrleansPlatform.Runtime.CodeGen.Emit;

/// <summary>Emits one <c>X_Method_id_Request</c> class per grain method: arguments, invocation and JSON (de)serialization.</summary>
internal static class RequestEmitter
{
    private const string None = CodeWriter.Invocation + ".None";

    public static string Emit(InterfaceModel model)
    {
        var w = CodeWriter.StartFile();
        for (var i = 0; i < model.Methods.Count; i++)
        {
            if (i > 0)
            {
                w.Line();
            }

            EmitRequest(w, model, model.Methods[i]);
        }

        return w.ToString();
    }

    private static void EmitRequest(CodeWriter w, InterfaceModel model, MethodModel method)
    {
        var arguments = new List<ParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            if (!parameter.IsCancellationToken)
            {
                arguments.Add(parameter);
            }
        }

        var displayName = model.FullName + "." + method.Name;
        w.Line("// Generated request for " + method.DeclaringInterface + "." + method.Signature + ".");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"OrleansPlatform.Runtime.CodeGen\", \"1.0\")]");
        w.Open("internal sealed class " + method.RequestClassName(model) + " : " + CodeWriter.Invocation + ".GrainRequest<" + method.ResultType + ">");
        foreach (var argument in arguments)
        {
            w.Line("public " + argument.Type + " Arg" + argument.ArgumentIndex + " = default!;");
        }

        if (arguments.Count > 0)
        {
            w.Line();
        }

        w.Line("public override " + CodeWriter.Invocation + ".GrainMethodDescriptor Method => global::" + CodeWriter.GeneratedNamespace + "."
            + model.MetadataClassName + "." + method.DescriptorFieldName + ";");
        w.Line();
        w.Line("public override int ArgumentCount => " + arguments.Count.ToString(CultureInfo.InvariantCulture) + ";");
        w.Line();
        EmitGetArgument(w, arguments);
        w.Line();
        EmitInvoke(w, method);
        w.Line();
        EmitWrite(w, arguments);
        w.Line();
        EmitRead(w, arguments, displayName);
        w.Close();
    }

    private static void EmitGetArgument(CodeWriter w, List<ParameterModel> arguments)
    {
        w.Open("public override object? GetArgument(int index)");
        w.Open("switch (index)");
        foreach (var argument in arguments)
        {
            var index = argument.ArgumentIndex.ToString(CultureInfo.InvariantCulture);
            w.Line("case " + index + ": return this.Arg" + index + ";");
        }

        w.Line("default:");
        w.Line("    throw new global::System.ArgumentOutOfRangeException(nameof(index), index, "
            + CodeWriter.Literal("This method has " + arguments.Count.ToString(CultureInfo.InvariantCulture) + " argument(s).") + ");");
        w.Close();
        w.Close();
    }

    private static void EmitInvoke(CodeWriter w, MethodModel method)
    {
        var callArguments = new List<string>(method.Parameters.Count);
        foreach (var parameter in method.Parameters)
        {
            callArguments.Add(parameter.IsCancellationToken ? "this.CancellationToken" : "this.Arg" + parameter.ArgumentIndex.ToString(CultureInfo.InvariantCulture));
        }

        var call = "((" + method.DeclaringInterface + ")grain)." + method.EscapedName + "(" + string.Join(", ", callArguments) + ")";
        var resultTask = CodeWriter.Tasks + ".ValueTask<" + method.ResultType + ">";
        var header = "public override " + resultTask + " InvokeAsync(object grain)";
        switch (method.ReturnKind)
        {
            case ReturnKind.TaskOfT:
                w.Line(header);
                w.Line("    => new " + resultTask + "(" + call + ");");
                break;
            case ReturnKind.ValueTaskOfT:
                w.Line(header);
                w.Line("    => " + call + ";");
                break;
            case ReturnKind.Task:
                w.Open(header);
                w.Line("var task = " + call + ";");
                w.Line("return task.IsCompletedSuccessfully ? default : AwaitAsync(task);");
                w.Close();
                w.Line();
                w.Line("private static async " + resultTask + " AwaitAsync(" + CodeWriter.Tasks + ".Task task)");
                w.Line("{");
                w.Line("    await task;");
                w.Line("    return default(" + None + ");");
                w.Line("}");
                break;
            case ReturnKind.ValueTask:
                w.Open(header);
                w.Line("var task = " + call + ";");
                w.Open("if (task.IsCompletedSuccessfully)");
                w.Line("task.GetAwaiter().GetResult(); // releases a pooled IValueTaskSource");
                w.Line("return default;");
                w.Close();
                w.Line();
                w.Line("return AwaitAsync(task);");
                w.Close();
                w.Line();
                w.Line("private static async " + resultTask + " AwaitAsync(" + CodeWriter.Tasks + ".ValueTask task)");
                w.Line("{");
                w.Line("    await task;");
                w.Line("    return default(" + None + ");");
                w.Line("}");
                break;
        }
    }

    private static void EmitWrite(CodeWriter w, List<ParameterModel> arguments)
    {
        w.Open("public override void WriteArguments(" + CodeWriter.Json + ".Utf8JsonWriter writer, " + CodeWriter.Json + ".JsonSerializerOptions options)");
        w.Line("writer.WriteStartArray();");
        foreach (var argument in arguments)
        {
            w.Line(CodeWriter.Json + ".JsonSerializer.Serialize<" + argument.Type + ">(writer, this.Arg" + argument.ArgumentIndex + ", options);");
        }

        w.Line("writer.WriteEndArray();");
        w.Close();
    }

    private static void EmitRead(CodeWriter w, List<ParameterModel> arguments, string displayName)
    {
        var count = arguments.Count.ToString(CultureInfo.InvariantCulture);
        var expected = "Expected a JSON array of " + count + " argument(s) for " + displayName;
        w.Open("public override void ReadArguments(ref " + CodeWriter.Json + ".Utf8JsonReader reader, " + CodeWriter.Json + ".JsonSerializerOptions options)");
        w.Open("if (reader.TokenType != " + CodeWriter.Json + ".JsonTokenType.StartArray)");
        w.Line("throw new " + CodeWriter.Json + ".JsonException(" + CodeWriter.Literal(expected + " but found ")
            + " + reader.TokenType.ToString() + \".\");");
        w.Close();
        foreach (var argument in arguments)
        {
            var index = argument.ArgumentIndex.ToString(CultureInfo.InvariantCulture);
            w.Line();
            w.Open("if (!reader.Read() || reader.TokenType == " + CodeWriter.Json + ".JsonTokenType.EndArray)");
            w.Line("throw new " + CodeWriter.Json + ".JsonException(" + CodeWriter.Literal(expected + " but the array has only " + index + " element(s).") + ");");
            w.Close();
            w.Line();
            w.Line("this.Arg" + index + " = " + CodeWriter.Json + ".JsonSerializer.Deserialize<" + argument.Type + ">(ref reader, options)!;");
        }

        w.Line();
        w.Open("if (!reader.Read() || reader.TokenType != " + CodeWriter.Json + ".JsonTokenType.EndArray)");
        w.Line("throw new " + CodeWriter.Json + ".JsonException(" + CodeWriter.Literal(expected + " but the array has more elements.") + ");");
        w.Close();
        w.Close();
    }
}
