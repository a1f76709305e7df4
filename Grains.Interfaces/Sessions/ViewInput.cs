namespace OrleansPlatform.Grains.Sessions;

/// <summary>An input field of an action. <paramref name="Type"/>: <c>text</c>, <c>number</c> or <c>hidden</c>.</summary>
public sealed record ViewInput(string Name, string Type, bool Required, string? Label);
