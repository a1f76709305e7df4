using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Runtime.Messaging;
using OrleansPlatform.Runtime.Invocation;
using OrleansPlatform.Runtime.Scheduling;

namespace OrleansPlatform.Runtime.Invocation;

/// <summary>A request waiting for its response: runs the incoming filters and the grain method in the target's turn.</summary>
internal sealed class RequestWorkItem<TResult> : WorkItem, IPendingCall
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _abandoned;

    public RequestWorkItem(GrainRequest<TResult> request, CallChain? callerChain, GrainId? sourceId, GrainId targetId)
        : base(callerChain, request.Method.AlwaysInterleaves)
    {
        Request = request;
        SourceId = sourceId;
        TargetId = targetId;
    }

    public GrainRequest<TResult> Request { get; }

    public GrainId? SourceId { get; }

    public GrainId TargetId { get; }

    public Task<TResult> Completion => _completion.Task;

    public override string Description => $"{Request.Method} on {TargetId}";

    public override bool IsAbandoned => _abandoned || Request.CancellationToken.IsCancellationRequested;

    public void Abandon() => _abandoned = true;

    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public void TimeOut()
    {
        _abandoned = true;
        _completion.TrySetException(new GrainCallTimeoutException(
            $"No response from {TargetId} to {Request.Method} within the response timeout of {ResponseTimeout.TotalSeconds:0.###} s."));
    }

    public override async Task ExecuteAsync(ActivationData activation)
    {
        try
        {
            var grain = activation.GrainInstance!;
            var filters = activation.SharedServices.IncomingFilters;
            if (filters.Length == 0 && grain is not Filters.IIncomingGrainCallFilter)
            {
                _completion.TrySetResult(await Request.InvokeAsync(grain));
            }
            else
            {
                var context = new IncomingCallContext(Request, grain, TargetId, SourceId, filters);
                await context.Invoke();
                _completion.TrySetResult((TResult)context.Result!);
            }
        }
        catch (Exception exception)
        {
            _completion.TrySetException(exception);
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public override bool CanForward => true;

    public override Task<ForwardOutcome> ForwardAsync(RemoteSender sender, SiloAddress target, bool placed) =>
        RemoteSender.GuardAsync(target, () => SendAsync(sender, target, placed), Fail);

    private async Task<ForwardOutcome> SendAsync(RemoteSender sender, SiloAddress target, bool placed)
    {
        var header = CallHeader.For(MessageKind.Call, TargetId, Request);
        header.Chain = CallChain.ToWire(CallerChain);
        header.Hops = Hops + 1;
        header.Placed = placed;
        header.TimeoutMs = (int)Math.Min(int.MaxValue, Remaining == Timeout.InfiniteTimeSpan ? int.MaxValue : Remaining.TotalMilliseconds);
        var timeout = Remaining == Timeout.InfiniteTimeSpan ? TimeSpan.FromMinutes(5) : Remaining;
        var (reply, body) = await sender.SendAsync(target, header, sender.SerializeArguments(Request), timeout, Request.CancellationToken);
        switch (reply.Status)
        {
            case ReplyStatus.Ok:
                _completion.TrySetResult(sender.DeserializeResult<TResult>(body));
                return ForwardOutcome.Done;
            case ReplyStatus.Error:
                _completion.TrySetException(RemoteExceptionCodec.Decode(reply));
                return ForwardOutcome.Done;
            default:
                return ForwardOutcome.Rejected(reply.Reason);
        }
    }
}
