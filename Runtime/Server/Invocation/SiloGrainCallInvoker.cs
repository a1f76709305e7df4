using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.Filters;
using OrleansPlatform.Runtime.Hosting;
using OrleansPlatform.Runtime.Scheduling;

namespace OrleansPlatform.Runtime.Invocation;

/// <summary>
/// Delivers calls made inside the silo: records the caller's wait edge and call chain, hands the request to the
/// target's activation and awaits the response within the response timeout.
/// </summary>
internal sealed class SiloGrainCallInvoker : IGrainCallInvoker, IDisposable
{
    private readonly IGrainDispatcher _dispatcher;
    private readonly IOutgoingGrainCallFilter[] _outgoingFilters;
    private readonly TimeSpan _responseTimeout;
    private readonly ResponseTimeouts _timeouts;
    private readonly ILogger _logger;

    public SiloGrainCallInvoker(
        IGrainDispatcher dispatcher,
        IEnumerable<IOutgoingGrainCallFilter> outgoingFilters,
        TimeProvider timeProvider,
        IOptions<MessagingOptions> messagingOptions,
        ILogger<SiloGrainCallInvoker> logger)
    {
        _dispatcher = dispatcher;
        _outgoingFilters = outgoingFilters.ToArray();
        _responseTimeout = messagingOptions.Value.ResponseTimeout;
        _timeouts = new ResponseTimeouts(timeProvider, _responseTimeout);
        _logger = logger;
    }

    public Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        if (_outgoingFilters.Length == 0)
        {
            return SendAsync(target.GrainId, request);
        }

        return InvokeWithFiltersAsync(target.GrainId, request);
    }

    public void InvokeOneWay(GrainReference target, GrainRequest request) =>
        _dispatcher.Dispatch(target.GrainId, new OneWayWorkItem(request, target.GrainId, _logger));

    private async Task<TResult> InvokeWithFiltersAsync<TResult>(GrainId targetId, GrainRequest<TResult> request)
    {
        var source = RuntimeContext.CurrentTurn?.Activation.GrainId;
        var context = new OutgoingCallContext<TResult>(request, targetId, source, _outgoingFilters, SendAsync);
        await context.Invoke();
        return (TResult)context.Result!;
    }

    private async Task<TResult> SendAsync<TResult>(GrainId targetId, GrainRequest<TResult> request)
    {
        var turn = RuntimeContext.CurrentTurn;
        var item = new RequestWorkItem<TResult>(request, turn?.Chain, turn?.Activation.GrainId, targetId)
        {
            DeadlineTickMs = Environment.TickCount64 + (long)_responseTimeout.TotalMilliseconds,
            ResponseTimeout = _responseTimeout,
        };
        turn?.AddPendingTarget(targetId);
        _timeouts.Track(item);
        try
        {
            _dispatcher.Dispatch(targetId, item);
            return request.CancellationToken.CanBeCanceled
                ? await item.Completion.WaitAsync(request.CancellationToken)
                : await item.Completion;
        }
        catch (OperationCanceledException) when (!item.Completion.IsCompleted)
        {
            item.Abandon();
            throw;
        }
        finally
        {
            _timeouts.Untrack(item);
            turn?.RemovePendingTarget(targetId);
        }
    }

    public void Dispose() => _timeouts.Dispose();
}
