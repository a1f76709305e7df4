using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using OrleansPlatform.Grains.Isolation;
using OrleansPlatform.Grains.Placement;
using OrleansPlatform.Grains.Silos;
using OrleansPlatform.Workflows.Access;
using OrleansPlatform.Workflows.Engine;
using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.Pools;
using OrleansPlatform.Workflows.References;
using OrleansPlatform.Workflows.Registry;

using OrleansPlatform.Workflows.Time;
using OrleansPlatform.Workflows.Views;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// See <see cref="ISessionGrain"/>. Holds the session's pools, runs the workflow until the next interactive step, and
/// writes the session record (ETag-checked) before every reply. Activated with an existing record, it tells a
/// time-out (record expired) from a fail-over (record live, its last silo dead per membership) and counts both.
/// Admitted and placed by the cluster's session admission (capacity, least loaded, waiting list).
/// </summary>
[SessionPlacement]
[GrainType("op-session")]
internal sealed class SessionGrain(
    [PersistentState("session")] IPersistentState<SessionRecord> record,
    IApplicationRegistry registry,
    IApplicationAccessPolicy accessPolicy,
    IWorkflowEngine engine,
    IPoolSerializer poolSerializer,
    ISessionStatistics statistics,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    SiloIncarnations incarnations,
    SiloIsolation isolation,
    IOptionsMonitor<SessionOptions> options,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    TimeProvider wallClock,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    /// <summary>The view step of an expired session.</summary>
    public const string ExpiredStep = "session-expired";

    /// <summary>The action that restarts an expired session.</summary>
    public const string RestartAction = "restart";

    /// <summary>Backup slots tried per session: keys <c>{id}/0</c> to <c>{id}/3</c>, until one lands on another silo.</summary>
    private const int BackupSlots = 4;

    // {"a":"","v":"","p":,"i":,"e":,"s":} with three 19-digit numbers at most.
    private const int RecordEnvelopeBytes = 96;

    private static readonly JsonElement ExpiredData = JsonSerializer.SerializeToElement(new { message = "This session was idle too long and has expired. Restart to begin again." });

    private readonly string localSiloId = localSilo.SiloAddress.ToParsableString();
    private readonly string localSiloName = localSilo.Name;
    private ApplicationDefinition? application;
    private GlobalPool? pools;
    private bool timeOutCounted;
    private bool unflushed;
    private int? backupSlot;
    private IGrainTimer? flushTimer;

    private string SessionId => this.GetPrimaryKeyString();

    private ISessionAdmissionGrain Admission => GrainFactory.GetGrain<ISessionAdmissionGrain>(ISessionAdmissionGrain.Key);

    // A write-behind session has a record before the database does.
    private bool HasRecord => record.RecordExists || unflushed;

    private bool IsExpired => HasRecord && time.GetUtcNow().ToUnixTimeMilliseconds() >= record.State.Expires;

    private bool UsesWriteBehind =>
        application is { } app
        && (app.Durability == SessionDurability.BackupThenWriteBehind || options.CurrentValue.WriteBehindApplications.Contains(app.Id, StringComparer.Ordinal));

    private bool AnyWriteBehind =>
        options.CurrentValue.WriteBehindApplications.Count > 0
        || registry.List().Any(a => registry.FindLatest(a.Id)?.Durability == SessionDurability.BackupThenWriteBehind);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An isolated silo takes no session: it cannot know the record as it is now, and another silo may be serving it.
        // The caller gets SiloIsolatedException (nothing applied) and the Gateway repeats the call elsewhere.
        isolation.EnsureServing(SessionId);

        // The runtime's (real) clock, not the platform's: these lines are how operators (and the fail-over tests) line
        // activations up across silos.
        var activatedAt = wallClock.GetUtcNow();
        SessionLog.Activated(logger, SessionId, localSiloName, localSiloId, activatedAt);
        isolation.Track(GrainContext);
        try
        {
            await CompleteActivationAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            // Orleans discards an activation whose OnActivateAsync throws without calling OnDeactivateAsync, and the call
            // is retried on another activation, maybe another silo. Say that this one ended, or the operators' (and the
            // fail-over tests') line-up of activations shows the session active here for ever.
            isolation.Untrack(GrainContext);
            var (why, failedAt) = ($"activation failed: {exception.GetType().Name}", wallClock.GetUtcNow());
            SessionLog.Deactivated(logger, SessionId, localSiloName, localSiloId, failedAt, why);
            throw;
        }
    }

    private async Task CompleteActivationAsync(CancellationToken cancellationToken)
    {
        await NotifyAdmissionAsync(activated: true);
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
            CountTimeOut();
            return;
        }

        if (state.Incarnation != incarnations.Local
            && await incarnations.SiloOfAsync(state.Incarnation, cancellationToken) is var previousSilo
            && await IsDeadAsync(previousSilo, cancellationToken))
        {
            SessionLog.FailOver(logger, SessionId, state.App, previousSilo ?? $"incarnation {state.Incarnation}", localSiloId);
            Count(SessionEventKind.FailOver, state.App);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        isolation.Untrack(GrainContext);
        if (isolation.IsIsolated)
        {
            // Cut off from the database (and maybe from every other silo): nothing here can be written or told, and
            // waiting for it would keep this activation alive past the moment another silo may take the session over.
            // The record in the database is the truth; a write-behind backup stays for the next activation to restore;
            // the admission drops this silo's count when it is declared dead, or hears of it below, behind.
            _ = NotifyAdmissionAsync(activated: false);
            var (cause, at) = (reason.Description, wallClock.GetUtcNow());
            SessionLog.Deactivated(logger, SessionId, localSiloName, localSiloId, at, cause);
            return;
        }

        if (unflushed)
        {
            await FlushAsync(cancellationToken);
        }

        if (!unflushed)
        {
            await DropBackupsAsync();
        }

        // A silo that shuts down takes its count with it: the admission drops a silo's sessions once it has left.
        if (reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
        {
            await NotifyAdmissionAsync(activated: false);
        }

        var (why, deactivatedAt) = (reason.Description, wallClock.GetUtcNow());
        SessionLog.Deactivated(logger, SessionId, localSiloName, localSiloId, deactivatedAt, why);
    }

    public async Task<SessionReply> Start(string applicationId)
    {
        EnsureServing();
        if (HasRecord && !IsExpired)
        {
            throw new SessionAlreadyStartedException($"Session {SessionId} was already started (application {record.State.App}).");
        }

        var app = registry.FindLatest(applicationId) ?? throw new ApplicationNotFoundException($"There is no application '{applicationId}'.");
        var caller = SessionCaller.Current;
        EnsureAllowed(app, caller);
        EnsureAcceptsNewSessions(applicationId);
        return await StartNewAsync(app, caller.User);
    }

    public async Task<SessionReply> GetView()
    {
        EnsureServing();
        await EnsureLiveOrExpiredAsync();
        if (IsExpired)
        {
            return ExpiredReply();
        }

        // A view renders what the references stand for now: rebuilding them (through the object caches, so normally
        // without a query) shows a product renamed since the last interaction with its new name.
        pools = await poolSerializer.DecodeAsync(record.State.Pools, CancellationToken.None);
        return Reply();
    }

    public async Task<SessionReply> Interact(SessionAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        EnsureServing();
        await EnsureLiveOrExpiredAsync();
        if (IsExpired)
        {
            if (action.Action == RestartAction)
            {
                var app = registry.FindLatest(record.State.App) ?? application
                    ?? throw new ApplicationNotFoundException($"There is no application '{record.State.App}'.");
                var caller = SessionCaller.Current;
                EnsureAllowed(app, caller);
                EnsureAcceptsNewSessions(app.Id);
                return await StartNewAsync(app, record.State.Owner ?? caller.User);
            }

            return ExpiredReply();
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
            await engine.ActAsync(application!, pools!, SessionId, record.State.Owner, action.Action, action.Inputs ?? new Dictionary<string, string?>(), CancellationToken.None);
            await PersistAsync(action.Seq, record.State.Owner);
            var appliedAt = wallClock.GetUtcNow();
            SessionLog.Applied(logger, SessionId, action.Seq, localSiloName, localSiloId, appliedAt);
        }
        catch (Exception exception) when (exception is not SessionConflictException)
        {
            // Nothing of a failed interaction may survive in memory: go back to what the record holds.
            pools = await poolSerializer.DecodeAsync(record.State.Pools, CancellationToken.None);
            throw;
        }

        return Reply();
    }

    public async Task End()
    {
        EnsureServing();
        flushTimer?.Dispose();
        flushTimer = null;
        unflushed = false;
        if (HasRecord)
        {
            EnsureOwnedByCaller();
            await WriteAsync(() => record.ClearStateAsync());
            Count(SessionEventKind.Ended, record.State.App);
        }

        await DropBackupsAsync();
        pools = null;
        application = null;
        this.DeactivateOnIdle();
    }

    // A silo that cannot reach the database refuses every call, and drops this activation: its memory may be behind the
    // record another silo writes meanwhile.
    private void EnsureServing()
    {
        if (isolation.IsIsolated)
        {
            this.DeactivateOnIdle();
            isolation.EnsureServing(SessionId);
        }
    }

    private void EnsureAcceptsNewSessions(string applicationId)
    {
        var state = registry.StateOf(applicationId);
        if (state != ApplicationState.Enabled)
        {
            throw new ApplicationDisabledException(state == ApplicationState.Draining
                ? $"Application '{applicationId}' is being disabled: it takes no new sessions."
                : $"Application '{applicationId}' is disabled.")
            {
                ApplicationId = applicationId,
            };
        }
    }

    // Who may use the application (its declared Access, tightened by Applications:Access): an anonymous caller of one that
    // needs a signed-in user is asked to sign in; a user without one of its roles is refused.
    private void EnsureAllowed(ApplicationDefinition app, SessionCaller caller)
    {
        var access = accessPolicy.AccessOf(app);
        if (access.Allows(caller.User, [.. caller.Roles]))
        {
            return;
        }

        if (caller.User is null)
        {
            throw new SignInRequiredException($"Application '{app.Id}' needs a signed-in user.");
        }

        throw new AccessDeniedException($"Application '{app.Id}' needs the role(s) {string.Join(", ", access.Roles)}.");
    }

    // A session belongs to the signed-in user who started it: an anonymous caller is asked to sign in, and another user is
    // told there is no such session (the same answer as for an id that does not exist, so ids cannot be probed). Roles are
    // checked on every call, so a role taken away stops the sessions that needed it.
    private void EnsureOwnedByCaller()
    {
        var caller = SessionCaller.Current;
        if (record.State.Owner is { } owner)
        {
            if (caller.User is null)
            {
                throw new SignInRequiredException($"Session {SessionId} belongs to a signed-in user; sign in to continue it.");
            }

            if (!string.Equals(caller.User, owner, StringComparison.Ordinal))
            {
                throw new SessionNotFoundException($"Session {SessionId} does not exist (never started, or ended).");
            }
        }

        if (application is { } app)
        {
            EnsureAllowed(app, caller);
        }
    }

    private async Task<SessionReply> StartNewAsync(ApplicationDefinition app, string? owner)
    {
        var fresh = new GlobalPool();
        await engine.StartAsync(app, fresh, SessionId, owner, CancellationToken.None);
        var previous = (application, pools);
        (application, pools) = (app, fresh);
        try
        {
            await PersistAsync(0, owner);
        }
        catch
        {
            (application, pools) = previous;
            throw;
        }

        timeOutCounted = false;

        Count(SessionEventKind.Started, app.Id);
        return Reply();
    }

    private async Task EnsureLiveOrExpiredAsync()
    {
        if (!HasRecord)
        {
            throw new SessionNotFoundException($"Session {SessionId} does not exist (never started, or ended).");
        }

        // Before anything else tells the caller about the session (expired, disabled): it may not be theirs.
        EnsureOwnedByCaller();
        if (IsExpired)
        {
            return;
        }

        // Disabled at once: even the sessions already running get no answer (draining lets them go on).
        if (registry.StateOf(record.State.App) == ApplicationState.Disabled)
        {
            throw new ApplicationDisabledException($"Application '{record.State.App}' is disabled.") { ApplicationId = record.State.App };
        }

        if (application is null)
        {
            throw new ApplicationNotFoundException($"Session {SessionId} runs {record.State.App} {record.State.Version}, which is not registered on this silo.");
        }

        // Rebuilding turns the logical references back into objects (reloading from the database, through the caches).
        pools ??= await poolSerializer.DecodeAsync(record.State.Pools, CancellationToken.None);
    }

    private async Task PersistAsync(long seq, string? owner)
    {
        var encoded = poolSerializer.Encode(pools!);
        var now = time.GetUtcNow();
        var state = new SessionRecord
        {
            App = application!.Id,
            Version = application.Version,
            Pools = encoded.Json,
            Incarnation = incarnations.Local,
            Expires = (now + (application.IdleTimeout ?? options.CurrentValue.IdleTimeout)).ToUnixTimeMilliseconds(),
            Seq = seq,
            Owner = owner,
        };

        // The pools' bytes plus what the envelope can take (names, numbers, quotes), without serializing the record
        // only to measure it: the storage serializes it once, when it writes.
        var bytes = encoded.Bytes + state.App.Length + state.Version.Length + (owner is null ? 0 : owner.Length + 8) + RecordEnvelopeBytes;
        if (bytes > options.CurrentValue.MaxRecordBytes)
        {
            throw SessionRecordTooLargeException.For(bytes, options.CurrentValue.MaxRecordBytes, encoded.Entries);
        }

        var previous = record.State;
        if (UsesWriteBehind && await TryBackUpAsync(state))
        {
            // Durable on two silos now; the database catches up behind the reply.
            record.State = state;
            unflushed = true;
            flushTimer ??= this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(options.CurrentValue.WriteBehindDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
            return;
        }

        record.State = state;
        try
        {
            await WriteAsync(() => record.WriteStateAsync());
        }
        catch (SessionConflictException)
        {
            // WriteAsync reloaded the stored record: that is what this activation holds now.
            throw;
        }
        catch
        {
            record.State = previous;
            throw;
        }
    }

    // An ETag conflict means the stored record is not the one this activation read (another activation wrote it, or
    // the write was fenced because this silo is no longer a member): nothing was applied. Reload what is stored, stop
    // serving from this activation, and tell the caller to retry (the Gateway does), so the next attempt answers from
    // the stored record, with the seq rules deciding whether the interaction still has to be applied.
    private async Task WriteAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (InconsistentStateException exception)
        {
            SessionLog.Conflict(logger, exception, SessionId);
            try
            {
                await record.ReadStateAsync();
                application = HasRecord ? registry.Find(record.State.App, record.State.Version) : null;
                pools = null;
            }
            finally
            {
                this.DeactivateOnIdle();
            }

            throw new SessionConflictException($"Session {SessionId} changed underneath this request; nothing was applied. Retry the same request.");
        }
    }

    private async Task<bool> IsDeadAsync(string? siloId, CancellationToken cancellationToken)
    {
        if (siloId is null)
        {
            // An incarnation nobody registered cannot be a live silo.
            return true;
        }

        SiloAddress silo;
        try
        {
            silo = SiloAddress.FromParsableString(siloId);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            return true;
        }

        var status = membership.CurrentSnapshot.GetSiloStatus(silo);
        if (status is not (SiloStatus.Dead or SiloStatus.None))
        {
            // Our view may be a step behind the table that made us the new owner.
            await membership.Refresh(default, cancellationToken);
            status = membership.CurrentSnapshot.GetSiloStatus(silo);
        }

        return status is SiloStatus.Dead or SiloStatus.None;
    }

    // Copies the record to a backup grain on another silo; false when there is no other silo (then write through).
    private async Task<bool> TryBackUpAsync(SessionRecord state)
    {
        if (membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) < 2)
        {
            return false;
        }

        var backup = new SessionBackup(JsonSerializer.Serialize(state, SessionRecord.Json), state.Seq, localSiloId);
        for (var slot = backupSlot ?? 0; slot < BackupSlots; slot++)
        {
            var grain = GrainFactory.GetGrain<ISessionBackupGrain>($"{SessionId}/{slot}");
            if (await grain.Store(backup) != localSiloId)
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
            flushTimer = this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(options.CurrentValue.WriteBehindDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    // After a fail-over, a backup may be newer than the database: take it and write it through at once.
    private async Task RestoreNewerBackupAsync()
    {
        if (!AnyWriteBehind)
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

        record.State = JsonSerializer.Deserialize<SessionRecord>(newest.RecordJson, SessionRecord.Json)!;
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

    // The admission keeps the live count per silo exact; one retry covers an admission that moved to another silo.
    private async Task NotifyAdmissionAsync(bool activated)
    {
        var silo = localSilo.SiloAddress;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await (activated ? Admission.Activated(this.GetGrainId(), silo) : Admission.Deactivated(this.GetGrainId(), silo));
                return;
            }
            catch (Exception exception) when (attempt == 0 && exception is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException)
            {
            }
            catch (Exception exception)
            {
                PlacementLog.NotifyFailed(logger, exception, this.GetGrainId(), activated ? "activated" : "deactivated");
                return;
            }
        }
    }

    private SessionReply Reply() =>
        new(SessionId, SessionStatus.Active, record.State.Seq, engine.Render(application!, pools!, SessionId)) { Version = record.State.Version };

    private SessionReply ExpiredReply()
    {
        CountTimeOut();
        pools = null;
        return new SessionReply(
            SessionId,
            SessionStatus.Expired,
            record.State.Seq,
            new SessionView(record.State.App, ExpiredStep, "Session expired", ExpiredData, [new ViewAction(RestartAction, [])]))
        {
            Version = record.State.Version,
        };
    }

    private void CountTimeOut()
    {
        if (!timeOutCounted)
        {
            timeOutCounted = true;
            var expired = DateTimeOffset.FromUnixTimeMilliseconds(record.State.Expires);
            SessionLog.TimedOut(logger, SessionId, record.State.App, expired);
            Count(SessionEventKind.TimeOut, record.State.App);
        }
    }

    // Counted on this silo now, written to the database behind the reply (batched per silo).
    private void Count(string kind, string applicationId) => statistics.Record(kind, SessionId, applicationId);
}
