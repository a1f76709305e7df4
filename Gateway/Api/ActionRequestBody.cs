using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace OrleansPlatform.Gateway.Api;

/// <summary>
/// The body of an action: the view's action by name, its inputs, and the next seq. (This type only shapes the OpenAPI
/// schema; the Gateway parses the body itself, by the same rules, so that one 400 names every wrong field.)
/// </summary>
public sealed record ActionRequestBody(
    [property: Required, StringLength(64, MinimumLength = 1), Description("One of the actions the current view offers.")] string Action,
    [property: Description("The action's inputs by name: strings, numbers, booleans or null (at most 64).")] IReadOnlyDictionary<string, JsonElement>? Inputs,
    [property: Required, Description("A positive integer: one more than the last answered seq; the last answered seq again replays its answer.")] long Seq)
{
    /// <summary>The seq's lower bound, stated in the schema.</summary>
    public const int MinimumSeq = 1;
}
