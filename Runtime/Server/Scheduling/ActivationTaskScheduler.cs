namespace OrleansPlatform.Runtime.Scheduling;

/// <summary>
/// Runs one activation's tasks one at a time on the thread pool. Grain code awaits without ConfigureAwait, so its
/// continuations come back here: turns interleave only at await points and never run in parallel, even for
/// reentrant grains. Drains a bounded batch per thread-pool visit so one busy activation cannot starve the others.
/// </summary>
internal sealed class ActivationTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    private const int MaxTasksPerVisit = 64;

    [ThreadStatic]
    private static ActivationTaskScheduler? t_running;

    private readonly Queue<Task> _tasks = new();
    private bool _scheduled;

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>True when the calling thread is currently executing this scheduler's work.</summary>
    public bool IsRunningOnCurrentThread => ReferenceEquals(t_running, this);

    void IThreadPoolWorkItem.Execute()
    {
        var previous = t_running;
        t_running = this;
        try
        {
            for (var executed = 0; executed < MaxTasksPerVisit; executed++)
            {
                Task? task;
                lock (_tasks)
                {
                    if (!_tasks.TryDequeue(out task))
                    {
                        _scheduled = false;
                        return;
                    }
                }

                TryExecuteTask(task);
            }

            lock (_tasks)
            {
                if (_tasks.Count == 0)
                {
                    _scheduled = false;
                    return;
                }
            }

            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        finally
        {
            t_running = previous;
        }
    }

    protected override void QueueTask(Task task)
    {
        lock (_tasks)
        {
            _tasks.Enqueue(task);
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    // Inlining is safe only on the thread that already holds this scheduler's exclusivity.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        !taskWasPreviouslyQueued && IsRunningOnCurrentThread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_tasks)
        {
            return _tasks.ToArray();
        }
    }
}
