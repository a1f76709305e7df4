using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansPlatform.Runtime.Database;

namespace OrleansPlatform.Runtime.Membership;

/// <summary>
/// PostgreSQL only: holds one long-lived connection that <c>LISTEN</c>s on the cluster's channel and calls
/// <c>onNotification</c> for each notification. A dropped connection is reopened after a delay (and
/// <c>onNotification</c> called once, for anything missed meanwhile); an idle connection is checked every few seconds.
/// Polling continues regardless, so a failure here only slows change detection down.
/// </summary>
internal sealed class MembershipNotificationListener : IAsyncDisposable
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly IClusterDatabase database;
    private readonly string channel;
    private readonly Action onNotification;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task loop = Task.CompletedTask;

    public MembershipNotificationListener(IClusterDatabase database, string channel, Action onNotification, TimeProvider time, ILogger logger)
    {
        this.database = database;
        this.channel = channel;
        this.onNotification = onNotification;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>True while the channel is being listened to.</summary>
    public bool IsListening { get; private set; }

    /// <summary>Starts listening; waits (at most <paramref name="firstAttemptTimeout"/>) for the first subscription attempt to finish.</summary>
    public async Task StartAsync(TimeSpan firstAttemptTimeout, CancellationToken cancellationToken)
    {
        loop = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);
        try
        {
            await firstAttempt.Task.WaitAsync(firstAttemptTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still connecting; polling covers the gap.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException)
        {
        }

        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var reconnecting = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                if (connection is not NpgsqlConnection npgsql)
                {
                    firstAttempt.TrySetResult();
                    return;
                }

                npgsql.Notification += OnNotification;
                try
                {
                    // The channel is membership_ + hex digits: a safe identifier, quoted to keep its case exactly.
                    await npgsql.ExecuteAsync(new CommandDefinition($"LISTEN \"{channel}\"", cancellationToken: cancellationToken)).ConfigureAwait(false);
                    IsListening = true;
                    MembershipLog.Listening(logger, channel);
                    firstAttempt.TrySetResult();
                    if (reconnecting)
                    {
                        onNotification();
                    }

                    while (true)
                    {
                        if (!await npgsql.WaitAsync(KeepAlive, cancellationToken).ConfigureAwait(false))
                        {
                            await npgsql.ExecuteAsync(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken)).ConfigureAwait(false);
                        }
                    }
                }
                finally
                {
                    IsListening = false;
                    npgsql.Notification -= OnNotification;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                firstAttempt.TrySetResult();
                MembershipLog.NotificationsFailed(logger, exception, channel, ReconnectDelay);
                reconnecting = true;
                try
                {
                    await Task.Delay(ReconnectDelay, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        MembershipLog.NotificationReceived(logger, e.Channel);
        onNotification();
    }
}
