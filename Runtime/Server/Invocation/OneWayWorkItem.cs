using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Runtime.Messaging;
using OrleansPlatform.Runtime.Invocation;
using OrleansPlatform.Runtime.Scheduling;

namespace OrleansPlatform.Runtime.Invocation;

/// <summary>A one-way request: nobody waits for it, so it carries no call chain and its failures are only logged.</summary>
internal sealed class OneWayWorkItem : WorkItem
{
    private readonly GrainRequest _request;
    private readonly GrainId _targetId;
    private readonly Microsoft.Extensions.Logging.ILogger _logger;

    public OneWayWorkItem(GrainRequest request, GrainId targetId, Microsoft.Extensions.Logging.ILogger logger)
        : base(callerChain: null, request.Method.AlwaysInterleaves)
    {
        _request = request;
        _targetId = targetId;
        _logger = logger;
    }

    public override string Description => $"one-way {_request.Method} on {_targetId}";

    public override async Task ExecuteAsync(ActivationData activation)
    {
        try
        {
            var filters = activation.SharedServices.IncomingFilters;
            var grain = activation.GrainInstance!;
            if (filters.Length == 0 && grain is not Filters.IIncomingGrainCallFilter)
            {
                await _request.InvokeBoxedAsync(grain);
            }
            else
            {
                await new IncomingCallContext(_request, grain, _targetId, sourceId: null, filters).Invoke();
            }
        }
        catch (Exception exception)
        {
            Fail(exception);
        }
    }

    public override bool CanForward => true;

    public override Task<ForwardOutcome> ForwardAsync(RemoteSender sender, SiloAddress target, bool placed) =>
        RemoteSender.GuardAsync(target, async () =>
        {
            var header = CallHeader.For(MessageKind.OneWay, _targetId, _request);
            header.Hops = Hops + 1;
            header.Placed = placed;
            await sender.SendOneWayAsync(target, header, sender.SerializeArguments(_request), CancellationToken.None);
            return ForwardOutcome.Done;
        }, Fail);

    public override void Fail(Exception exception) => RuntimeLog.OneWayFailed(_logger, exception, _targetId, _request.Method.ToString());
}
