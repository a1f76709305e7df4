using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansPlatform.Testing;

/// <summary>
/// A real platform process (silo or gateway) started with <c>dotnet app.dll args</c>. Output is captured for
/// assertions and diagnostics; disposing kills it (by its own pid) if it is still running.
/// </summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private PlatformProcess(Process process)
    {
        _process = process;
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process has exited, else null.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Lines written to standard output so far.</summary>
    public IReadOnlyList<string> OutputLines => _stdout.ToArray();

    public string StandardOutput => string.Join('\n', _stdout);

    public string StandardError => string.Join('\n', _stderr);

    public static PlatformProcess Start(string dll, IEnumerable<string> args, string workingDirectory, IDictionary<string, string>? environment = null) =>
        StartCommand("dotnet", [dll, .. args], workingDirectory, environment);

    /// <summary>Starts any program (e.g. <c>bash run.sh ...</c>), with the same output capture and clean-up.</summary>
    public static PlatformProcess StartCommand(string program, IEnumerable<string> args, string workingDirectory, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var wrapper = new PlatformProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { wrapper._stdout.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { wrapper._stderr.Enqueue(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGKILL (kill -9) to the process.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    /// <summary>Sends a POSIX signal (SIGTERM=15, SIGSTOP=19, SIGCONT=18) to the process.</summary>
    public void Signal(int signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {_process.Id}");
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signal(15);
            try
            {
                await WaitForExitAsync(TimeSpan.FromSeconds(15));
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: false);
            }
        }

        _process.Dispose();
    }
}
