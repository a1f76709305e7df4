namespace OrleansPlatform.Runtime.Hosting;

/// <summary>Grain call behaviour.</summary>
public sealed class MessagingOptions
{
    /// <summary>A call without a response after this long fails with <see cref="GrainCallTimeoutException"/>. Default 30 seconds.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
