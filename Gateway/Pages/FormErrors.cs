namespace OrleansPlatform.Gateway.Pages;

/// <summary>
/// A form that came back refused: the action posted, what was typed (so the form is shown filled as sent), each field's
/// error (shown next to it) and the message for the page. The Gateway keeps these for one response only: nothing of a
/// refused interaction reaches the session.
/// </summary>
public sealed record FormErrors(string Action, IReadOnlyDictionary<string, string?> Typed, IReadOnlyDictionary<string, string> Fields, string Message);
