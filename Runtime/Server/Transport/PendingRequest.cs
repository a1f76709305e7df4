namespace OrleansPlatform.Runtime.Transport;

/// <summary>An outstanding request of a <see cref="ClientConnection"/>: the completion source its caller awaits.</summary>
internal sealed class PendingRequest : TaskCompletionSource<ResponseFrame>
{
    private readonly ClientConnection _owner;
    private CancellationTokenRegistration _registration;

    public PendingRequest(ClientConnection owner, long id, long deadline, TimeSpan timeout)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _owner = owner;
        Id = id;
        Deadline = deadline;
        Timeout = timeout;
    }

    public long Id { get; }

    /// <summary>Expiry in <see cref="Environment.TickCount64"/> milliseconds.</summary>
    public long Deadline { get; }

    public TimeSpan Timeout { get; }

    public void RegisterCancellation(CancellationToken cancellationToken)
    {
        _registration = cancellationToken.UnsafeRegister(
            static (state, token) => ((PendingRequest)state!).OnCanceled(token),
            this);
    }

    public void Complete(ResponseFrame response)
    {
        if (TrySetResult(response))
        {
            _registration.Unregister();
        }
    }

    public void Fail(Exception exception)
    {
        if (TrySetException(exception))
        {
            _registration.Unregister();
        }
    }

    private void OnCanceled(CancellationToken token)
    {
        _owner.RemovePending(Id);
        TrySetCanceled(token);
    }
}
