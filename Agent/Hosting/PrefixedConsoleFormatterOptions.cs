using Microsoft.Extensions.Logging.Console;

namespace OrleansPlatform.Agent.Hosting;

/// <summary>Options of <see cref="PrefixedConsoleFormatter"/> (<c>Logging:Console:FormatterOptions</c>).</summary>
public sealed class PrefixedConsoleFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>What each line starts with. Default <c>oplat agent</c>.</summary>
    public string Prefix { get; set; } = "oplat agent";
}
