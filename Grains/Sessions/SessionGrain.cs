using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime;
using OrleansPlatform.Runtime.Hosting;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Runtime.Serialization;
using OrleansPlatform.Workflows.Engine;
using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.Pools;
using OrleansPlatform.Workflows.References;
using OrleansPlatform.Workflows.Registry;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// See <see cref="ISessionGrain"/>. Holds the session's pools, runs the workflow until the next interactive step, and
/// writes the session record (ETag-checked) before every reply. Activated with an existing record, it tells a
/// time-out (record expired) from a fail-over (record live, its last silo dead per membership) and counts both.
/// </summary>
[LeastLoadedPlacement]
public sealed class SessionGrain(
    [PersistentState("session")] IPersistentState<SessionRecord> record,
    IApplicationRegistry registry,
    IWorkflowEngine engine,
    IPoolSerializer poolSerializer,
    ISessionStatistics statistics,
    IPlatformSerializer serializer,
    IOptions<SessionOptions> options,
    IOptions<SiloOptions> silo,
    TimeProvider time,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    /// <summary>The view step of an expired session.</summary>
    public const string ExpiredStep = "session-expired";

    /// <summary>The action that restarts an expired session.</summary>
    public const string RestartAction = "restart";

    private static readonly JsonElement ExpiredData = JsonSerializer.SerializeToElement(new { message = "This session was idle too long and has expired. Restart to begin again." });

    /// <summary>Backup slots tried per session: keys <c>{id}/0</c> to <c>{id}/3</c>, until one lands on another silo.</summary>
    private const int BackupSlots = 4;

    private ApplicationDefinition? application;
    private GlobalPool? pools;
    private bool timeOutCounted;
    private bool unflushed;
    private int? backupSlot;
    private IGrainTimer? flushTimer;

    private string SessionId => GetPrimaryKeyString();

    private string LocalSilo => ServiceProvider.GetService<ISiloMembership>()?.LocalSilo.Id ?? silo.Value.SiloName;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await RestoreNewerBackupAsync();
        if (!HasRecord)
        {
            return;
        }

        var state = record.State;
        application = registry.Find(state.App, state.Version);
        if (application is null)
        {
            SessionLog.UnknownVersion(logger, SessionId, state.App, state.Version);
        }

        if (IsExpired)
        {
            await CountTimeOutAsync();
            return;
        }

        if (state.Silo != LocalSilo && ServiceProvider.GetService<ISiloMembership>() is { } membership)
        {
            var snapshot = membership.Current;
            if (!snapshot.IsDead(state.Silo))
            {
                snapshot = await membership.RefreshAsync(cancellationToken);
            }

            if (snapshot.IsDead(state.Silo))
            {
                SessionLog.FailOver(logger, SessionId, state.App, state.Silo, LocalSilo);
                await CountAsync(SessionEventKind.FailOver);
            }
        }
    }

    public async Task<SessionReply> Start(string applicationId)
    {
        if (HasRecord && !IsExpired)
        {
            throw new InvalidOperationException($"Session {SessionId} was already started (application {record.State.App}).");
        }

        var app = registry.FindLatest(applicationId);
        if (app is null || !registry.IsEnabled(applicationId))
        {
            throw new ApplicationNotFoundException($"There is no enabled application '{applicationId}'.");
        }

        return await StartNewAsync(app);
    }

    public async Task<SessionReply> GetView()
    {
        await EnsureLiveOrExpiredAsync();
        return IsExpired ? await ExpiredReplyAsync() : Reply();
    }

    public async Task<SessionReply> Interact(SessionAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await EnsureLiveOrExpiredAsync();
        if (IsExpired)
        {
            if (action.Action == RestartAction)
            {
                var app = registry.FindLatest(record.State.App) ?? application
                    ?? throw new ApplicationNotFoundException($"There is no enabled application '{record.State.App}'.");
                return await StartNewAsync(app);
            }

            return await ExpiredReplyAsync();
        }

        var last = record.State.Seq;
        if (action.Seq == last)
        {
            return Reply();
        }

        if (action.Seq != last + 1)
        {
            throw StaleSequenceException.For(last + 1, action.Seq);
        }

        try
        {
            await engine.ActAsync(application!, pools!, SessionId, action.Action, action.Inputs ?? new Dictionary<string, string?>(), CancellationToken.None);
            await PersistAsync(action.Seq);
        }
        catch
        {
            // Nothing of a failed interaction may survive in memory: go back to what the record holds.
            pools = await poolSerializer.DecodeAsync(record.State.Pools, CancellationToken.None);
            throw;
        }

        return Reply();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (unflushed)
        {
            await FlushAsync(cancellationToken);
        }

        if (!unflushed)
        {
            await DropBackupsAsync();
        }
    }

    public async Task End()
    {
        flushTimer?.Dispose();
        flushTimer = null;
        unflushed = false;
        if (HasRecord)
        {
            await record.ClearStateAsync();
            _ = CountAsync(SessionEventKind.Ended);
        }

        await DropBackupsAsync();

        pools = null;
        application = null;
        DeactivateOnIdle();
    }

    private bool IsExpired => HasRecord && time.GetUtcNow().ToUnixTimeMilliseconds() >= record.State.Expires;

    private async Task<SessionReply> StartNewAsync(ApplicationDefinition app)
    {
        var fresh = new GlobalPool();
        await engine.StartAsync(app, fresh, SessionId, CancellationToken.None);
        var previous = (application, pools);
        (application, pools) = (app, fresh);
        try
        {
            await PersistAsync(0);
        }
        catch
        {
            (application, pools) = previous;
            throw;
        }

        timeOutCounted = false;
        // Every start counts on one shared row: do not hold the reply for it (a failed count is only logged).
        _ = CountAsync(SessionEventKind.Started);
        return Reply();
    }

    private async Task EnsureLiveOrExpiredAsync()
    {
        if (!HasRecord)
        {
            throw new SessionNotFoundException($"Session {SessionId} does not exist (never started, or ended).");
        }

        if (IsExpired)
        {
            return;
        }

        if (application is null)
        {
            throw new ApplicationNotFoundException($"Session {SessionId} runs {record.State.App} {record.State.Version}, which is not registered on this silo.");
        }

        // Rebuilding turns the logical references back into objects (reloading from the database).
        pools ??= await poolSerializer.DecodeAsync(record.State.Pools, CancellationToken.None);
    }

    private async Task PersistAsync(long seq)
    {
        var encoded = poolSerializer.Encode(pools!);
        var now = time.GetUtcNow();
        var state = new SessionRecord
        {
            App = application!.Id,
            Version = application.Version,
            At = string.Join('/', pools!.Composites.Select(c => c.Step).Append(pools.Current.CurrentStep)),
            Pools = encoded.Json,
            Silo = LocalSilo,
            Touched = now.ToUnixTimeMilliseconds(),
            Expires = (now + (application.IdleTimeout ?? options.Value.IdleTimeout)).ToUnixTimeMilliseconds(),
            Seq = seq,
        };
        var bytes = serializer.SerializeToUtf8Bytes(state).Length;
        if (bytes > options.Value.MaxRecordBytes)
        {
            throw SessionRecordTooLargeException.For(bytes, options.Value.MaxRecordBytes, encoded.Entries);
        }

        var previous = record.State;
        if (UsesWriteBehind && await TryBackUpAsync(state))
        {
            // Durable on two silos now; the database catches up behind the reply.
            record.State = state;
            unflushed = true;
            flushTimer ??= RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(options.Value.WriteBehindDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
            return;
        }

        record.State = state;
        try
        {
            await record.WriteStateAsync();
        }
        catch
        {
            record.State = previous;
            throw;
        }
    }

    // A write-behind session has a record before the database does.
    private bool HasRecord => record.RecordExists || unflushed;

    private bool UsesWriteBehind =>
        application is { } app
        && (app.Durability == SessionDurability.BackupThenWriteBehind || options.Value.WriteBehindApplications.Contains(app.Id, StringComparer.Ordinal));

    private bool AnyWriteBehind =>
        options.Value.WriteBehindApplications.Count > 0
        || registry.List().Any(a => registry.FindLatest(a.Id)?.Durability == SessionDurability.BackupThenWriteBehind);

    // Copies the record to a backup grain on another silo; false when there is no other silo (then write through).
    private async Task<bool> TryBackUpAsync(SessionRecord state)
    {
        if (ServiceProvider.GetService<ISiloMembership>() is null)
        {
            return false;
        }

        var backup = new SessionBackup(JsonSerializer.Serialize(state, serializer.Options), state.Seq, LocalSilo);
        for (var slot = backupSlot ?? 0; slot < BackupSlots; slot++)
        {
            var grain = GrainFactory.GetGrain<ISessionBackupGrain>($"{SessionId}/{slot}");
            if (await grain.Store(backup) != LocalSilo)
            {
                backupSlot = slot;
                return true;
            }

            // The backup landed on this very silo: it would die with us. Try the next slot.
            await grain.Drop();
        }

        return false;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        flushTimer?.Dispose();
        flushTimer = null;
        if (!unflushed)
        {
            return;
        }

        try
        {
            await record.WriteStateAsync(cancellationToken);
            unflushed = false;
        }
        catch (Exception exception)
        {
            // The backup still holds the record; try again later.
            SessionLog.WriteBehindFailed(logger, exception, SessionId);
            flushTimer = RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(options.Value.WriteBehindDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    // After a fail-over, a backup may be newer than the database: take it and write it through at once.
    private async Task RestoreNewerBackupAsync()
    {
        if (!AnyWriteBehind || ServiceProvider.GetService<ISiloMembership>() is null)
        {
            return;
        }

        SessionBackup? newest = null;
        for (var slot = 0; slot < BackupSlots; slot++)
        {
            if (await GrainFactory.GetGrain<ISessionBackupGrain>($"{SessionId}/{slot}").Fetch() is { } copy
                && copy.Seq > (HasRecord ? record.State.Seq : -1)
                && (newest is null || copy.Seq > newest.Seq))
            {
                newest = copy;
                backupSlot = slot;
            }
        }

        if (newest is null)
        {
            return;
        }

        record.State = JsonSerializer.Deserialize<SessionRecord>(newest.RecordJson, serializer.Options)!;
        await record.WriteStateAsync();
        SessionLog.RestoredFromBackup(logger, SessionId, newest.Seq, newest.PrimarySilo);
    }

    private async Task DropBackupsAsync()
    {
        if (backupSlot is not { } slot)
        {
            return;
        }

        backupSlot = null;
        try
        {
            await GrainFactory.GetGrain<ISessionBackupGrain>($"{SessionId}/{slot}").Drop();
        }
        catch (Exception exception)
        {
            SessionLog.WriteBehindFailed(logger, exception, SessionId);
        }
    }

    private SessionReply Reply() =>
        new(SessionId, SessionStatus.Active, record.State.Seq, engine.Render(application!, pools!, SessionId));

    private async Task<SessionReply> ExpiredReplyAsync()
    {
        await CountTimeOutAsync();
        pools = null;
        return new SessionReply(
            SessionId,
            SessionStatus.Expired,
            record.State.Seq,
            new SessionView(record.State.App, ExpiredStep, "Session expired", ExpiredData, [new ViewAction(RestartAction, [])]));
    }

    private async Task CountTimeOutAsync()
    {
        if (!timeOutCounted)
        {
            timeOutCounted = true;
            var touched = DateTimeOffset.FromUnixTimeMilliseconds(record.State.Touched);
            SessionLog.TimedOut(logger, SessionId, record.State.App, touched);
            await CountAsync(SessionEventKind.TimeOut);
        }
    }

    private async Task CountAsync(string kind)
    {
        try
        {
            await statistics.IncrementAsync(kind);
        }
        catch (Exception exception)
        {
            SessionLog.CountFailed(logger, exception, kind);
        }
    }
}
