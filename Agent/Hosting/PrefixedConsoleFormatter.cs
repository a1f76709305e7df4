using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Agent.Hosting;

/// <summary>
/// The agent's default console format: one line per message, <c>{Prefix}: {message}</c>, the way run.sh has always
/// printed its supervision lines (run.sh sets the prefix to <c>run.sh</c>). An exception adds its message, not its stack.
/// </summary>
internal sealed class PrefixedConsoleFormatter(IOptionsMonitor<PrefixedConsoleFormatterOptions> options) : ConsoleFormatter(Name)
{
    /// <summary>The formatter's name (<c>Logging:Console:FormatterName</c>).</summary>
    public new const string Name = "oplat";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message))
        {
            return;
        }

        var level = logEntry.LogLevel >= LogLevel.Error ? "error: " : string.Empty;
        var exception = logEntry.Exception is { } e ? ": " + e.Message.ReplaceLineEndings(" ") : string.Empty;
        textWriter.WriteLine($"{options.CurrentValue.Prefix}: {level}{message}{exception}");
    }
}
