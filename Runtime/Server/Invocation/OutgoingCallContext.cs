using OrleansPlatform.Runtime.Filters;

namespace OrleansPlatform.Runtime.Invocation;

/// <summary>Runs the outgoing filters, then sends the request.</summary>
internal sealed class OutgoingCallContext<TResult> : IOutgoingGrainCallContext
{
    private readonly IOutgoingGrainCallFilter[] _filters;
    private readonly Func<GrainId, GrainRequest<TResult>, Task<TResult>> _send;
    private int _next;

    public OutgoingCallContext(
        GrainRequest<TResult> request,
        GrainId targetId,
        GrainId? sourceId,
        IOutgoingGrainCallFilter[] filters,
        Func<GrainId, GrainRequest<TResult>, Task<TResult>> send)
    {
        Request = request;
        TargetId = targetId;
        SourceId = sourceId;
        _filters = filters;
        _send = send;
    }

    public GrainRequest Request { get; }

    public GrainId TargetId { get; }

    public GrainId? SourceId { get; }

    public object? Result { get; set; }

    public async Task Invoke()
    {
        var index = _next++;
        if (index < _filters.Length)
        {
            await _filters[index].Invoke(this);
        }
        else
        {
            Result = await _send(TargetId, (GrainRequest<TResult>)Request);
        }
    }
}
