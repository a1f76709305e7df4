using System.Threading.Channels;

namespace OrleansPlatform.Runtime.Membership;

/// <summary>A coalescing wake-up for a polling loop: <see cref="Set"/> any number of times, the waiter wakes once.</summary>
internal sealed class WakeUpSignal
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Set() => channel.Writer.TryWrite(true);

    /// <summary>Waits until <see cref="Set"/> or <paramref name="timeout"/> (on <paramref name="time"/>), whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (channel.Reader.TryRead(out _))
        {
            return;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, wait.Token);
        var signal = channel.Reader.WaitToReadAsync(wait.Token).AsTask();
        await Task.WhenAny(delay, signal).ConfigureAwait(false);
        await wait.CancelAsync().ConfigureAwait(false);
        channel.Reader.TryRead(out _);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
