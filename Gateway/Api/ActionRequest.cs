using System.Globalization;
using System.Text.Json;

namespace OrleansPlatform.Gateway.Api;

/// <summary>The body of <c>POST /api/sessions/{id}/actions</c>: <c>{ "action": "...", "inputs": { ... }, "seq": n }</c>.</summary>
public sealed record ActionRequest(string Action, IReadOnlyDictionary<string, string?> Inputs, long Seq)
{
    /// <summary>Most inputs one action may carry.</summary>
    public const int MaxInputs = 64;

    /// <summary>Parses and validates the body; <paramref name="errors"/> names every field that is wrong.</summary>
    public static ActionRequest? TryParse(ReadOnlySpan<byte> utf8Json, out Dictionary<string, string[]> errors)
    {
        errors = [];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException exception)
        {
            errors["body"] = [$"The body is not valid JSON ({exception.Message})."];
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors["body"] = ["The body must be a JSON object with 'action', 'inputs' and 'seq'."];
                return null;
            }

            if (RequestBodies.HasInvalidText(root))
            {
                errors["body"] = [RequestBodies.InvalidTextMessage];
                return null;
            }

            string? action = null;
            if (!root.TryGetProperty("action", out var actionElement) || actionElement.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(action = actionElement.GetString()) || action.Length > 64)
            {
                errors["action"] = ["'action' is required: a non-empty string of at most 64 characters."];
            }

            long seq = 0;
            if (!root.TryGetProperty("seq", out var seqElement) || seqElement.ValueKind != JsonValueKind.Number
                || !seqElement.TryGetInt64(out seq) || seq < 1)
            {
                errors["seq"] = ["'seq' is required: a positive integer, one more than the last interaction's."];
            }

            var inputs = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (root.TryGetProperty("inputs", out var inputsElement) && inputsElement.ValueKind != JsonValueKind.Null)
            {
                if (inputsElement.ValueKind != JsonValueKind.Object)
                {
                    errors["inputs"] = ["'inputs' must be an object of field names to values."];
                }
                else
                {
                    foreach (var input in inputsElement.EnumerateObject())
                    {
                        if (inputs.Count == MaxInputs)
                        {
                            errors["inputs"] = [$"At most {MaxInputs} inputs are allowed."];
                            break;
                        }

                        switch (input.Value.ValueKind)
                        {
                            case JsonValueKind.String:
                                inputs[input.Name] = input.Value.GetString();
                                break;
                            case JsonValueKind.Number:
                                inputs[input.Name] = input.Value.GetRawText();
                                break;
                            case JsonValueKind.True or JsonValueKind.False:
                                inputs[input.Name] = input.Value.GetBoolean().ToString(CultureInfo.InvariantCulture).ToLowerInvariant();
                                break;
                            case JsonValueKind.Null:
                                inputs[input.Name] = null;
                                break;
                            default:
                                errors[$"inputs.{input.Name}"] = ["An input value must be a string, number, boolean or null."];
                                break;
                        }
                    }
                }
            }

            return errors.Count == 0 ? new ActionRequest(action!, inputs, seq) : null;
        }
    }
}
