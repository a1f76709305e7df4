namespace OrleansPlatform.Runtime.Broadcast;

/// <summary>Where broadcast frames from other silos arrive.</summary>
internal interface IBroadcastReceiver
{
    Task ReceiveAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
