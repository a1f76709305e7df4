using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace OrleansPlatform.ClusterBench;

/// <summary>
/// One silo process started by this tool (<c>dotnet OrleansPlatform.Silo.dll --silo-name NAME</c>, configured through
/// <c>ORLEANSPLATFORM_*</c> environment variables). It is only ever ended by its own pid; <see cref="KillAllStarted"/>
/// is the last resort on exit, for processes of this tool that are still running.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private const int MaxOutputLines = 200;
    private static readonly ConcurrentDictionary<int, SiloProcess> s_started = new();

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>True once <see cref="Kill"/> or <see cref="StopAsync"/> was called: its exit is expected.</summary>
    public bool IsStopping { get; private set; }

    /// <summary>The last lines the process wrote (stdout and stderr), for failure messages.</summary>
    public string OutputTail => string.Join('\n', _output);

    public static SiloProcess Start(string siloDll, string name, string workingDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(siloDll);
        info.ArgumentList.Add("--silo-name");
        info.ArgumentList.Add(name);
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings)
        {
            info.Environment["ORLEANSPLATFORM_" + key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var silo = new SiloProcess(process, name);
        process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        process.Start();
        s_started[process.Id] = silo;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>SIGKILL (kill -9) of this process only.</summary>
    public void Kill()
    {
        IsStopping = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>SIGKILLs every silo process this tool started that is still running (on exit and on the watchdog).</summary>
    public static void KillAllStarted()
    {
        foreach (var silo in s_started.Values)
        {
            silo.Kill();
        }
    }

    /// <summary>Asks the silo to leave gracefully (SIGTERM), waits up to <paramref name="within"/>, then SIGKILLs it.</summary>
    public async Task StopAsync(TimeSpan within)
    {
        IsStopping = true;
        if (!_process.HasExited)
        {
            try
            {
                using var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync().ConfigureAwait(false);
                using var timeout = new CancellationTokenSource(within);
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }

        Kill();
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(exit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Reported by the caller's own checks; nothing more to do for a process that ignores SIGKILL.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        s_started.TryRemove(Pid, out _);
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > MaxOutputLines && _output.TryDequeue(out _))
        {
        }
    }
}
