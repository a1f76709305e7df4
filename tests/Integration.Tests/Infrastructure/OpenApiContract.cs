using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansPlatform.Integration.Tests.Infrastructure;

/// <summary>
/// The Gateway's OpenAPI document (<c>/openapi/v1.json</c>) and a check of real answers against it: the path and method
/// are documented, the status is one of the operation's, the content type is the documented one, and the body validates
/// against the documented schema. The schema check is a small JSON Schema validator over System.Text.Json covering what
/// ASP.NET Core emits (local <c>$ref</c>, <c>type</c> including type arrays, <c>properties</c>, <c>required</c>,
/// <c>additionalProperties</c>, <c>items</c>, <c>enum</c>, <c>oneOf</c>/<c>anyOf</c>/<c>allOf</c>, <c>minimum</c>,
/// <c>maximum</c>, <c>minLength</c>/<c>maxLength</c>, <c>pattern</c>); anything else in a schema is ignored.
/// </summary>
public sealed class OpenApiContract
{
    private readonly List<(string Template, string Method, Regex Match, JsonElement Operation)> operations = [];

    private OpenApiContract(JsonElement document)
    {
        Document = document;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var pattern = "^" + Regex.Replace(Regex.Escape(path.Name), @"\\\{[^/]+?}", "[^/]+") + "$";
            foreach (var method in path.Value.EnumerateObject())
            {
                operations.Add((path.Name, method.Name.ToUpperInvariant(), new Regex(pattern, RegexOptions.CultureInvariant), method.Value));
            }
        }
    }

    /// <summary>The document itself.</summary>
    public JsonElement Document { get; }

    /// <summary>Every documented operation: path template, method (upper case), the operation object.</summary>
    public IEnumerable<(string Template, string Method, JsonElement Operation)> Operations =>
        operations.Select(o => (o.Template, o.Method, o.Operation));

    /// <summary>Fetches and parses the document from the Gateway.</summary>
    public static async Task<OpenApiContract> LoadAsync(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync("/openapi/v1.json");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var parsed = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new OpenApiContract(parsed.RootElement.Clone());
    }

    /// <summary>The documented operation a concrete request path and method fall under, if any.</summary>
    public (string Template, JsonElement Operation)? Find(string method, string path)
    {
        var found = operations.FirstOrDefault(o => o.Method == method && o.Match.IsMatch(path));
        return found.Template is null ? null : (found.Template, found.Operation);
    }

    /// <summary>
    /// How a real answer departs from the document (empty when it conforms): <paramref name="path"/> is the request path
    /// without the query.
    /// </summary>
    public IReadOnlyList<string> Check(string method, string path, int status, string? mediaType, string body)
    {
        var at = $"{method} {path} → {status}";
        if (Find(method, path) is not { } found)
        {
            return [$"{at}: the operation is not documented"];
        }

        if (!found.Operation.TryGetProperty("responses", out var responses)
            || !(responses.TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out var response) || responses.TryGetProperty("default", out response)))
        {
            return [$"{at}: status {status} is not documented for {found.Template}"];
        }

        if (!response.TryGetProperty("content", out var content) || !content.EnumerateObject().Any())
        {
            return body.Length == 0 ? [] : [$"{at}: documented without a body, got {Short(body)}"];
        }

        if (mediaType is null || !content.TryGetProperty(mediaType, out var media))
        {
            return [$"{at}: content type {mediaType ?? "(none)"} is not documented (documented: {string.Join(", ", content.EnumerateObject().Select(c => c.Name))})"];
        }

        if (!media.TryGetProperty("schema", out var schema))
        {
            return [];
        }

        JsonElement instance;
        try
        {
            using var parsed = JsonDocument.Parse(body);
            instance = parsed.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            return [$"{at}: the body is not JSON ({exception.Message}): {Short(body)}"];
        }

        var errors = new List<string>();
        Validate(schema, instance, "$", errors, 0);
        return errors.Select(e => $"{at}: {e}").ToList();
    }

    /// <summary>Validates <paramref name="instance"/> against <paramref name="schema"/> (which may use this document's <c>$ref</c>s).</summary>
    public IReadOnlyList<string> Validate(JsonElement schema, JsonElement instance)
    {
        var errors = new List<string>();
        Validate(schema, instance, "$", errors, 0);
        return errors;
    }

    /// <summary>Resolves a local <c>$ref</c> (<c>#/components/schemas/Name</c>); other schemas are returned as they are.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); hops++)
        {
            Assert.True(hops < 32, "a $ref cycle");
            var target = Document;
            foreach (var part in reference.GetString()!.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                target = target.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }

            schema = target;
        }

        return schema;
    }

    private void Validate(JsonElement schema, JsonElement instance, string at, List<string> errors, int depth)
    {
        if (depth > 64)
        {
            errors.Add($"{at}: nested too deep to check");
            return;
        }

        schema = Resolve(schema);
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{at}: no value is allowed here");
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!types.Any(t => IsOfType(t, instance)))
            {
                errors.Add($"{at}: expected {string.Join(" or ", types)}, got {instance.ValueKind} {Short(instance.GetRawText())}");
                return;
            }
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, instance)))
        {
            errors.Add($"{at}: {Short(instance.GetRawText())} is not one of {Short(values.GetRawText())}");
        }

        foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
        {
            if (!schema.TryGetProperty(keyword, out var parts))
            {
                continue;
            }

            var results = parts.EnumerateArray().Select(part =>
            {
                var partErrors = new List<string>();
                Validate(part, instance, at, partErrors, depth + 1);
                return partErrors;
            }).ToList();
            var passed = results.Count(r => r.Count == 0);
            if (keyword == "allOf" ? passed != results.Count : keyword == "anyOf" ? passed == 0 : passed != 1)
            {
                errors.Add($"{at}: {keyword} not satisfied ({passed} of {results.Count} passed): {string.Join("; ", results.SelectMany(r => r).Take(3))}");
            }
        }

        switch (instance.ValueKind)
        {
            case JsonValueKind.Object:
                ValidateObject(schema, instance, at, errors, depth);
                break;
            case JsonValueKind.Array when schema.TryGetProperty("items", out var items):
                var index = 0;
                foreach (var item in instance.EnumerateArray())
                {
                    Validate(items, item, $"{at}[{index++}]", errors, depth + 1);
                }

                break;
            case JsonValueKind.String:
                var text = instance.GetString()!;
                if (schema.TryGetProperty("minLength", out var minLength) && text.Length < minLength.GetInt32())
                {
                    errors.Add($"{at}: shorter than {minLength.GetInt32()}");
                }

                if (schema.TryGetProperty("maxLength", out var maxLength) && text.Length > maxLength.GetInt32())
                {
                    errors.Add($"{at}: longer than {maxLength.GetInt32()}");
                }

                if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
                {
                    errors.Add($"{at}: {Short(text)} does not match {pattern.GetString()}");
                }

                break;
            case JsonValueKind.Number:
                var number = instance.GetDouble();
                if (schema.TryGetProperty("minimum", out var minimum) && number < Number(minimum))
                {
                    errors.Add($"{at}: {number} is below the minimum {Number(minimum)}");
                }

                if (schema.TryGetProperty("maximum", out var maximum) && number > Number(maximum))
                {
                    errors.Add($"{at}: {number} is above the maximum {Number(maximum)}");
                }

                break;
        }
    }

    private void ValidateObject(JsonElement schema, JsonElement instance, string at, List<string> errors, int depth)
    {
        var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!instance.TryGetProperty(name, out _))
                {
                    errors.Add($"{at}: the required property '{name}' is missing");
                }
            }
        }

        var additional = schema.TryGetProperty("additionalProperties", out var extra) ? extra : default;
        foreach (var property in instance.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Validate(propertySchema, property.Value, $"{at}.{property.Name}", errors, depth + 1);
            }
            else if (additional.ValueKind is JsonValueKind.Object or JsonValueKind.False)
            {
                Validate(additional, property.Value, $"{at}.{property.Name}", errors, depth + 1);
            }
        }
    }

    private static bool IsOfType(string type, JsonElement instance) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && (instance.TryGetInt64(out _) || decimal.TryParse(instance.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d)),
        _ => true,
    };

    // OpenAPI documents from ASP.NET Core write some bounds as strings.
    private static double Number(JsonElement bound) => bound.ValueKind == JsonValueKind.String
        ? double.Parse(bound.GetString()!, CultureInfo.InvariantCulture)
        : bound.GetDouble();

    private static string Short(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
