using System.Diagnostics;
using System.Text;

namespace OrleansPlatform.Agent.Plugins;

/// <summary>Runs a short-lived tool (initdb, pg_ctl, pg_isready) to its end, optionally as another OS user, and keeps its output.</summary>
internal static class ToolRunner
{
    /// <summary>The tool's exit code and its standard output and error together.</summary>
    public readonly record struct Result(int ExitCode, string Output)
    {
        /// <summary>The output's last line, for an error message.</summary>
        public string LastLine => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {ExitCode}";
    }

    /// <summary>True when the agent runs as root (PostgreSQL then runs as another user).</summary>
    public static bool IsRoot => Environment.UserName == "root";

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> args, string? asUser, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(asUser is null ? fileName : "runuser")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (asUser is not null)
        {
            foreach (var arg in new[] { "-u", asUser, "--", fileName })
            {
                info.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        lock (output)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
