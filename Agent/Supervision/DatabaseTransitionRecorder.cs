using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Agent.Supervision;

/// <summary>
/// Writes transitions to <c>resource_transitions</c> behind the supervisors, in order, from a bounded queue: a slow or
/// unreachable database never holds a restart up. While the database is away the queue keeps the newest 10,000 and
/// drops the oldest (the log has them all).
/// </summary>
internal sealed class DatabaseTransitionRecorder(IClusterDatabase database, ILogger<DatabaseTransitionRecorder> logger) : BackgroundService, ITransitionRecorder
{
    private const int Capacity = 10_000;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private const string Insert =
        "INSERT INTO resource_transitions (node_id, group_id, resource_id, from_state, to_state, reason, pid, exit_code, at_ms) "
        + "VALUES (@NodeId, @Group, @Resource, @From, @To, @Reason, @Pid, @ExitCode, @AtMs)";

    private readonly Channel<ResourceTransition> pending = Channel.CreateBounded<ResourceTransition>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void Record(ResourceTransition transition) => pending.Writer.TryWrite(transition);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ResourceTransition>();
        try
        {
            while (await pending.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < 100 && pending.Reader.TryRead(out var transition))
                {
                    batch.Add(transition);
                }

                await WriteAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is written once more below.
        }

        while (pending.Reader.TryRead(out var transition))
        {
            batch.Add(transition);
        }

        if (batch.Count > 0)
        {
            using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await WriteOnceAsync(batch, last.Token);
            }
            catch (Exception exception)
            {
                SupervisionLog.RecordingFailed(logger, exception, batch.Count);
            }
        }
    }

    private async Task WriteAsync(List<ResourceTransition> batch, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await WriteOnceAsync(batch, stoppingToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                SupervisionLog.RecordingFailed(logger, exception, batch.Count + pending.Reader.Count);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    private async Task WriteOnceAsync(List<ResourceTransition> batch, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var t in batch)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                Insert,
                new { t.NodeId, t.Group, t.Resource, From = t.From.Name(), To = t.To.Name(), t.Reason, t.Pid, t.ExitCode, AtMs = t.At.ToUnixTimeMilliseconds() },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
