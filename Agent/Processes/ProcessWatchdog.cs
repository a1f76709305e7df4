using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using OrleansPlatform.Agent.Configuration;

namespace OrleansPlatform.Agent.Processes;

/// <summary>
/// Feeds every leash (<see cref="ProcessLeash"/>) a line each <see cref="SupervisionOptions.WatchdogFeedInterval"/>,
/// from a thread of its own: a busy thread pool or a slow database never starves it; only a frozen or dead agent does,
/// which is what the leashes are there to notice.
/// </summary>
internal sealed class ProcessWatchdog : IDisposable
{
    private readonly ConcurrentDictionary<int, StreamWriter> fed = new();
    private readonly TimeSpan interval;
    private readonly CancellationTokenSource stopping = new();
    private readonly Thread thread;

    public ProcessWatchdog(IOptions<SupervisionOptions> options)
    {
        interval = options.Value.WatchdogFeedInterval;
        thread = new Thread(Feed) { IsBackground = true, Name = "oplat-agent-watchdog" };
        thread.Start();
    }

    public void Add(Process leash) => fed[leash.Id] = leash.StandardInput;

    public void Remove(Process leash) => fed.TryRemove(leash.Id, out _);

    public void Dispose()
    {
        stopping.Cancel();
        thread.Join(TimeSpan.FromSeconds(2));
        stopping.Dispose();
    }

    private void Feed()
    {
        while (!stopping.Token.WaitHandle.WaitOne(interval))
        {
            foreach (var (pid, input) in fed)
            {
                try
                {
                    input.Write('\n');
                    input.Flush();
                }
                catch (Exception exception) when (exception is IOException or ObjectDisposedException)
                {
                    // The leash has exited; its process's exit is reported by the process itself.
                    fed.TryRemove(pid, out _);
                }
            }
        }
    }
}
