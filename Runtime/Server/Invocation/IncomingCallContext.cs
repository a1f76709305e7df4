using OrleansPlatform.Runtime.Filters;

namespace OrleansPlatform.Runtime.Invocation;

/// <summary>Runs the silo's incoming filters, then the grain's own filter if it implements one, then the method.</summary>
internal sealed class IncomingCallContext : IIncomingGrainCallContext
{
    private readonly IIncomingGrainCallFilter[] _filters;
    private int _next;

    public IncomingCallContext(GrainRequest request, object grain, GrainId targetId, GrainId? sourceId, IIncomingGrainCallFilter[] filters)
    {
        Request = request;
        Grain = grain;
        TargetId = targetId;
        SourceId = sourceId;
        _filters = filters;
    }

    public GrainRequest Request { get; }

    public object Grain { get; }

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
        else if (index == _filters.Length && Grain is IIncomingGrainCallFilter grainFilter)
        {
            await grainFilter.Invoke(this);
        }
        else
        {
            Result = await Request.InvokeBoxedAsync(Grain);
        }
    }
}
