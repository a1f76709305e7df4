using System.Diagnostics;
using System.Globalization;

namespace OrleansPlatform.Agent.Processes;

/// <summary>
/// A supervised child process, run on a leash (<see cref="ProcessLeash"/>) fed by the agent's watchdog. Its pid is the
/// child's own (what <c>ps</c>, the silo registry and kill -9 see), not the leash's.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    // 400 looks 5 ms apart: about 2 s for the leash to fork its child.
    private const int ChildPidLooks = 400;

    private readonly Process leash;
    private readonly ProcessWatchdog watchdog;
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process leash, ProcessWatchdog watchdog)
    {
        this.leash = leash;
        this.watchdog = watchdog;
    }

    /// <summary>The child's pid.</summary>
    public int Pid { get; private set; }

    /// <summary>Completes with the child's exit code (128 + signal when a signal ended it).</summary>
    public Task<int> Exited => exited.Task;

    /// <summary>Starts <paramref name="command"/> on a leash that stops it when the watchdog is silent for <paramref name="leashTimeout"/>.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">bash cannot be started.</exception>
    public static async Task<ChildProcess> StartAsync(ProcessCommand command, ProcessWatchdog watchdog, TimeSpan leashTimeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            WorkingDirectory = command.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(ProcessLeash.Script);
        info.ArgumentList.Add(ProcessLeash.Name);
        info.ArgumentList.Add(leashTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture));
        info.ArgumentList.Add(command.FileName);
        foreach (var arg in command.Args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in command.Environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, watchdog);
        process.Exited += (_, _) => child.OnExited();
        process.Start();
        watchdog.Add(process);
        child.Pid = process.Id;
        child.Pid = await FindChildPidAsync(process.Id, cancellationToken) ?? process.Id;
        if (process.HasExited)
        {
            child.OnExited();
        }

        return child;
    }

    /// <summary>SIGTERM to the child, then SIGKILL once <paramref name="timeout"/> has passed; returns when it has exited.</summary>
    public async Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Exited.IsCompleted)
        {
            return;
        }

        ProcessSignals.Send(Pid, ProcessSignals.Terminate);
        try
        {
            await Exited.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            Kill();
            await Exited.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }
    }

    /// <summary>SIGKILL to the child and its leash.</summary>
    public void Kill()
    {
        ProcessSignals.Send(Pid, ProcessSignals.Kill);
        if (!leash.HasExited)
        {
            ProcessSignals.Send(leash.Id, ProcessSignals.Kill);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!Exited.IsCompleted)
        {
            Kill();
            try
            {
                await Exited.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
                // Reported by the caller's state; nothing more to kill.
            }
        }

        watchdog.Remove(leash);
        leash.Dispose();
    }

    private void OnExited()
    {
        watchdog.Remove(leash);
        int code;
        try
        {
            code = leash.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return;
        }

        // The leash itself killed by a signal (kill -9 of the leash): .NET reports 128 + signal as the shell would.
        exited.TrySetResult(code);
    }

    // The leash forks the child at once; Linux lists a process's children in /proc.
    private static async Task<int?> FindChildPidAsync(int leashPid, CancellationToken cancellationToken)
    {
        var path = $"/proc/{leashPid}/task/{leashPid}/children";
        for (var look = 0; look < ChildPidLooks; look++)
        {
            try
            {
                var text = await File.ReadAllTextAsync(path, cancellationToken);
                var first = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                if (first is not null && int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    return pid;
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The leash has already exited (the command was not found, say): its exit code tells.
                return null;
            }

            await Task.Delay(5, cancellationToken);
        }

        return null;
    }
}
