using System.Diagnostics;
using System.Globalization;

namespace OrleansPlatform.Testing;

/// <summary>Runs a short command-line tool (ip, initdb, pg_ctl, chown) to completion, bounded in time.</summary>
public static class ToolCommand
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="args"/> and returns its standard output.
    /// </summary>
    /// <exception cref="InvalidOperationException">It exited non-zero; the message has the command and its output.</exception>
    /// <exception cref="OperationCanceledException">It did not end within <paramref name="timeout"/> (default 90 s).</exception>
    public static Task<string> RunAsync(string program, IReadOnlyList<string> args, TimeSpan? timeout = null) =>
        RunAsync(program, args, workingDirectory: null, environment: null, timeout);

    /// <summary>
    /// As <see cref="RunAsync(string, IReadOnlyList{string}, TimeSpan?)"/>, in <paramref name="workingDirectory"/> with
    /// <paramref name="environment"/> added to this process's; a command that outlives its timeout is killed with its
    /// children before the exception.
    /// </summary>
    public static async Task<string> RunAsync(string program, IReadOnlyList<string> args, string? workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var said = await output + await error;
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {said}"));
        }

        return await output;
    }
}
