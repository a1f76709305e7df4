using System.Text.Json;

namespace OrleansPlatform.Cli.Output;

/// <summary>Prints the API's JSON as it came, indented, for <c>--json</c>: nothing else goes to standard output.</summary>
internal static class JsonPrinter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,

        // Keys and ids stay readable ("Sessions:IdleTimeout", "a+b"); the output is never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter output, JsonElement json)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteTo(writer);
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        output.Flush();
    }
}
