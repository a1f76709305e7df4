using Microsoft.Extensions.Logging;
using OrleansPlatform.Runtime.Persistence;
using OrleansPlatform.Runtime.Scheduling;
using OrleansPlatform.Runtime.Timers;

namespace OrleansPlatform.Runtime.Catalog;

/// <summary>
/// One activation of a grain: the grain instance, its scheduler, the queue of waiting work and the turn admission
/// rules. A request starts at once when no blocking turn runs, when it interleaves (reentrant grain, AlwaysInterleave,
/// interleaving timer), or when this grain is already in its call chain (call-chain reentrancy: A -> B -> A). Otherwise
/// it queues, and the deadlock detector checks whether queuing closes a wait cycle.
/// </summary>
internal sealed class ActivationData : IGrainContext
{
    private readonly object _lock = new();
    private readonly LinkedList<WorkItem> _queue = new();
    private readonly List<TurnContext> _runningTurns = [];
    private readonly List<GrainTimer> _timers = [];
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CatalogServices _shared;
    private ActivationState _state = ActivationState.Activating;
    private int _blockingTurns;
    private bool _deactivateOnIdleRequested;
    private bool _deactivationTurnStarted;
    private DeactivationReason _deactivationReason;
    private long _lastActivityTimestamp;

    public ActivationData(GrainId grainId, GrainClassInfo classInfo, CatalogServices shared)
    {
        GrainId = grainId;
        ClassInfo = classInfo;
        _shared = shared;
        ActivationId = Guid.NewGuid().ToString("N");
        _lastActivityTimestamp = shared.TimeProvider.GetTimestamp();
    }

    public GrainId GrainId { get; }

    public string ActivationId { get; }

    public GrainClassInfo ClassInfo { get; }

    public IServiceProvider Services => _shared.Services;

    public IGrainFactory GrainFactory => _shared.GrainFactory;

    public ActivationTaskScheduler Scheduler { get; } = new();

    public Grain? GrainInstance { get; private set; }

    /// <summary>Set when the activation took a cluster lock; its locks are released when it deactivates.</summary>
    public bool MayHoldLocks { get; set; }

    /// <summary>Completes when the activation has left the catalog (after deactivation or a failed activation).</summary>
    public Task Deactivated => _deactivated.Task;

    public ActivationState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>Requests waiting for a turn.</summary>
    public int QueueLength
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    internal CatalogServices SharedServices => _shared;

    public void DeactivateOnIdle()
    {
        var startNow = false;
        lock (_lock)
        {
            if (_state != ActivationState.Valid)
            {
                return;
            }

            _deactivateOnIdleRequested = true;
            if (_runningTurns.Count == 0)
            {
                _state = ActivationState.Deactivating;
                _deactivationReason = DeactivationReason.ApplicationRequested;
                startNow = true;
            }
        }

        if (startNow)
        {
            StartDeactivationTurn();
        }
    }

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(options);
        var timer = new GrainTimer(this, callback, options, _shared.TimeProvider);
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                throw new InvalidOperationException($"Cannot register a timer on {GrainId}: the activation is deactivating.");
            }

            _timers.Add(timer);
        }

        timer.Start();
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    /// <summary>Starts the activation turn: construct, load state, OnActivateAsync.</summary>
    public void StartActivation()
    {
        var turn = new TurnContext(this, CallChain.Extend(null, GrainId), blocksQueue: true);
        lock (_lock)
        {
            _blockingTurns++;
            _runningTurns.Add(turn);
        }

        StartTurn(turn, new ActivationWorkItem());
    }

    /// <summary>Offers a work item; false when the activation no longer accepts work (the caller retries on the next one).</summary>
    public bool TryEnqueue(WorkItem item)
    {
        TurnContext? turn = null;
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                return false;
            }

            if (CanStartNow(item))
            {
                turn = RecordTurnStart(item);
            }
            else
            {
                _queue.AddLast(item);
            }
        }

        if (turn is not null)
        {
            StartTurn(turn, item);
        }
        else
        {
            _shared.DeadlockDetector.CheckQueuedItem(this, item);
        }

        return true;
    }

    /// <summary>Removes an item still waiting in the queue; false when it already started or left.</summary>
    public bool TryRemoveQueued(WorkItem item)
    {
        lock (_lock)
        {
            return _queue.Remove(item);
        }
    }

    /// <summary>The running turns that queued work waits for.</summary>
    public TurnContext[] SnapshotBlockingTurns()
    {
        lock (_lock)
        {
            return _runningTurns.Where(t => t.BlocksQueue).ToArray();
        }
    }

    /// <summary>True when nothing runs or waits and the last activity is at least <paramref name="age"/> ago.</summary>
    public bool IsIdleFor(TimeSpan age)
    {
        lock (_lock)
        {
            return _state == ActivationState.Valid
                && _runningTurns.Count == 0
                && _queue.Count == 0
                && _shared.TimeProvider.GetElapsedTime(_lastActivityTimestamp) >= age;
        }
    }

    /// <summary>Deactivates once running turns finish; queued and later requests go to a new activation.</summary>
    public Task DeactivateAsync(DeactivationReason reason)
    {
        var startNow = false;
        lock (_lock)
        {
            if (_state != ActivationState.Valid)
            {
                return _deactivated.Task;
            }

            _state = ActivationState.Deactivating;
            _deactivationReason = reason;
            startNow = _runningTurns.Count == 0;
        }

        if (startNow)
        {
            StartDeactivationTurn();
        }

        return _deactivated.Task;
    }

    private bool CanStartNow(WorkItem item)
    {
        if (_state == ActivationState.Activating)
        {
            return false;
        }

        if (_blockingTurns == 0 && _queue.Count == 0)
        {
            return true;
        }

        return item.Interleaves
            || ClassInfo.IsReentrant
            || (_blockingTurns > 0 && CallChain.Contains(item.CallerChain, GrainId));
    }

    private TurnContext RecordTurnStart(WorkItem item)
    {
        var blocks = !(item.Interleaves || ClassInfo.IsReentrant);
        var turn = new TurnContext(this, CallChain.Extend(item.CallerChain, GrainId), blocks);
        if (blocks)
        {
            _blockingTurns++;
        }

        _runningTurns.Add(turn);
        if (item.CountsAsActivity)
        {
            _lastActivityTimestamp = _shared.TimeProvider.GetTimestamp();
        }

        return turn;
    }

    private void StartTurn(TurnContext turn, WorkItem item)
    {
        var task = new Task<Task>(static state => ((TurnStart)state!).Run(), new TurnStart(this, turn, item));
        task.Start(Scheduler);
    }

    private async Task RunTurnAsync(TurnContext turn, WorkItem item)
    {
        RuntimeContext.CurrentTurn = turn;
        try
        {
            if (item.IsAbandoned)
            {
                item.Fail(new OperationCanceledException($"{item.Description} was abandoned by its caller before it started."));
            }
            else
            {
                await item.ExecuteAsync(this);
            }
        }
        catch (Exception exception)
        {
            RuntimeLog.TurnFailed(_shared.Logger, exception, GrainId, item.Description);
            item.Fail(exception);
        }
        finally
        {
            RuntimeContext.CurrentTurn = null;
            OnTurnCompleted(turn);
        }
    }

    private void OnTurnCompleted(TurnContext turn)
    {
        List<(TurnContext Turn, WorkItem Item)>? toStart = null;
        var startDeactivation = false;
        lock (_lock)
        {
            _runningTurns.Remove(turn);
            if (turn.BlocksQueue)
            {
                _blockingTurns--;
            }

            _lastActivityTimestamp = _shared.TimeProvider.GetTimestamp();
            if (_state == ActivationState.Valid && _deactivateOnIdleRequested && _runningTurns.Count == 0)
            {
                _state = ActivationState.Deactivating;
                _deactivationReason = DeactivationReason.ApplicationRequested;
            }

            if (_state == ActivationState.Valid)
            {
                while (_queue.First is { } head && (_blockingTurns == 0 || head.Value.Interleaves || CallChain.Contains(head.Value.CallerChain, GrainId)))
                {
                    _queue.RemoveFirst();
                    (toStart ??= []).Add((RecordTurnStart(head.Value), head.Value));
                }
            }
            else if (_state == ActivationState.Deactivating && _runningTurns.Count == 0 && !_deactivationTurnStarted)
            {
                startDeactivation = true;
            }
        }

        if (toStart is not null)
        {
            foreach (var (nextTurn, item) in toStart)
            {
                StartTurn(nextTurn, item);
            }
        }

        if (startDeactivation)
        {
            StartDeactivationTurn();
        }
    }

    private void StartDeactivationTurn()
    {
        TurnContext turn;
        lock (_lock)
        {
            if (_deactivationTurnStarted)
            {
                return;
            }

            _deactivationTurnStarted = true;
            turn = new TurnContext(this, CallChain.Extend(null, GrainId), blocksQueue: true);
            _blockingTurns++;
            _runningTurns.Add(turn);
        }

        StartTurn(turn, new DeactivationWorkItem());
    }

    private async Task ActivateAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(_shared.CollectionOptions.DeactivationTimeout, _shared.TimeProvider);
            if (!await _shared.Registrar.TryRegisterAsync(this, timeout.Token))
            {
                AbandonToWinner();
                return;
            }

            var (grain, states) = ClassInfo.Plan.Construct(this, _shared.Services);
            GrainInstance = grain;
            foreach (var state in states)
            {
                await state.LoadAsync(timeout.Token);
            }

            await grain.OnActivateAsync(timeout.Token);
            lock (_lock)
            {
                _state = ActivationState.Valid;
            }

            RuntimeLog.Activated(_shared.Logger, GrainId, ActivationId);
        }
        catch (Exception exception)
        {
            RuntimeLog.ActivationFailed(_shared.Logger, exception, GrainId);
            await ReleaseRegistrationAsync();
            foreach (var item in Retire())
            {
                item.Fail(exception);
            }

            _deactivated.TrySetResult();
        }
    }

    // Another silo's activation won the directory: hand everything queued here to it.
    private void AbandonToWinner()
    {
        var waiting = Retire();
        _deactivated.TrySetResult();
        foreach (var item in waiting)
        {
            _shared.Dispatcher.Dispatch(GrainId, item);
        }
    }

    private async Task ReleaseRegistrationAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(_shared.CollectionOptions.DeactivationTimeout, _shared.TimeProvider);
            await _shared.Registrar.UnregisterAsync(this, timeout.Token);
        }
        catch (Exception exception)
        {
            // The entry is removed with the silo when it dies, or overwritten by the next activation's registration.
            RuntimeLog.UnregisterFailed(_shared.Logger, exception, GrainId);
        }
    }

    private async Task ReleaseLocksAsync()
    {
        if (!MayHoldLocks || _shared.Services.GetService(typeof(Locks.IClusterLockStore)) is not Locks.IClusterLockStore locks)
        {
            return;
        }

        try
        {
            await locks.ReleaseOwnerAsync(ActivationId);
        }
        catch (Exception exception)
        {
            // Leases expire on their own; a failed release only delays the next holder.
            RuntimeLog.LockReleaseFailed(_shared.Logger, exception, GrainId);
        }
    }

    private async Task DeactivateCoreAsync()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }

        try
        {
            if (GrainInstance is { } grain)
            {
                using var timeout = new CancellationTokenSource(_shared.CollectionOptions.DeactivationTimeout, _shared.TimeProvider);
                await grain.OnDeactivateAsync(_deactivationReason, timeout.Token)
                    .WaitAsync(_shared.CollectionOptions.DeactivationTimeout, _shared.TimeProvider);
            }
        }
        catch (Exception exception)
        {
            RuntimeLog.DeactivationFailed(_shared.Logger, exception, GrainId);
        }

        await ReleaseLocksAsync();
        await ReleaseRegistrationAsync();
        var leftovers = Retire();
        RuntimeLog.Deactivated(_shared.Logger, GrainId, ActivationId, _deactivationReason);
        _deactivated.TrySetResult();
        foreach (var item in leftovers)
        {
            _shared.Dispatcher.Dispatch(GrainId, item);
        }
    }

    // Marks the activation invalid, takes what was still queued, and leaves the catalog (a successor may now be created).
    private WorkItem[] Retire()
    {
        WorkItem[] waiting;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            waiting = [.. _queue];
            _queue.Clear();
        }

        _shared.Catalog.Remove(this);
        return waiting;
    }

    private sealed class TurnStart(ActivationData activation, TurnContext turn, WorkItem item)
    {
        public Task Run() => activation.RunTurnAsync(turn, item);
    }

    private sealed class ActivationWorkItem() : WorkItem(callerChain: null, interleaves: false)
    {
        public override string Description => "activation";

        public override Task ExecuteAsync(ActivationData activation) => activation.ActivateAsync();

        public override void Fail(Exception exception)
        {
        }
    }

    private sealed class DeactivationWorkItem() : WorkItem(callerChain: null, interleaves: false)
    {
        public override string Description => "deactivation";

        public override Task ExecuteAsync(ActivationData activation) => activation.DeactivateCoreAsync();

        public override void Fail(Exception exception)
        {
        }
    }
}
