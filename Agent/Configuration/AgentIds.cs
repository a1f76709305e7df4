namespace OrleansPlatform.Agent.Configuration;

/// <summary>The shape of node, group and resource ids: they appear in URLs, lock names and log lines.</summary>
internal static class AgentIds
{
    public const int MaxLength = 100;

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    public static string Rule => $"letters, digits, '.', '_' and '-', at most {MaxLength} characters";
}
