using System.Text.Json;
using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.Invocation;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Runtime.Scheduling;

namespace OrleansPlatform.Runtime.Messaging;

/// <summary>A request that arrived from another process: runs here or is forwarded, and yields the encoded reply.</summary>
internal sealed class RemoteRequestWorkItem : WorkItem
{
    private readonly TaskCompletionSource<(ReplyHeader Reply, ReadOnlyMemory<byte> Body)> _reply =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly CallHeader _header;
    private readonly ReadOnlyMemory<byte> _arguments;
    private readonly JsonSerializerOptions _options;

    public RemoteRequestWorkItem(GrainRequest request, GrainId targetId, CallHeader header, ReadOnlyMemory<byte> arguments, JsonSerializerOptions options)
        : base(CallChain.FromWire(header.Chain), request.Method.AlwaysInterleaves)
    {
        Request = request;
        TargetId = targetId;
        _header = header;
        _arguments = arguments;
        _options = options;
        Hops = header.Hops;
        ArrivedPlaced = header.Placed;
        DeadlineTickMs = Environment.TickCount64 + Math.Max(1, header.TimeoutMs);
    }

    public GrainRequest Request { get; }

    public GrainId TargetId { get; }

    public Task<(ReplyHeader Reply, ReadOnlyMemory<byte> Body)> Reply => _reply.Task;

    public override string Description => $"remote {Request.Method} on {TargetId}";

    public override bool CanForward => true;

    public override async Task ExecuteAsync(ActivationData activation)
    {
        try
        {
            var grain = activation.GrainInstance!;
            var filters = activation.SharedServices.IncomingFilters;
            object? result;
            if (filters.Length == 0 && grain is not Filters.IIncomingGrainCallFilter)
            {
                result = await Request.InvokeBoxedAsync(grain);
            }
            else
            {
                var context = new IncomingCallContext(Request, grain, TargetId, CallerChain?.Grain, filters);
                await context.Invoke();
                result = context.Result;
            }

            var body = Request.ResultType == typeof(None) ? [] : JsonSerializer.SerializeToUtf8Bytes(result, Request.ResultType, _options);
            _reply.TrySetResult((new ReplyHeader { Status = ReplyStatus.Ok, Location = activation.SharedServices.LocalSiloId }, body));
        }
        catch (Exception exception)
        {
            Fail(exception);
        }
    }

    public override void Fail(Exception exception) => _reply.TrySetResult((RemoteExceptionCodec.Encode(exception), default));

    /// <summary>Refuses the request without running it; the sender may try elsewhere.</summary>
    public void Reject(string reason) => _reply.TrySetResult((new ReplyHeader { Status = ReplyStatus.Rejected, Reason = reason }, default));

    public override Task<ForwardOutcome> ForwardAsync(RemoteSender sender, SiloAddress target, bool placed) =>
        RemoteSender.GuardAsync(target, async () =>
        {
            _header.Hops = Hops + 1;
            _header.Placed = placed;
            _header.TimeoutMs = (int)Math.Max(1, Remaining.TotalMilliseconds);
            var (reply, body) = await sender.SendAsync(target, _header, _arguments, Remaining, CancellationToken.None);
            if (reply.Status == ReplyStatus.Rejected)
            {
                return ForwardOutcome.Rejected(reply.Reason);
            }

            _reply.TrySetResult((reply, body.ToArray()));
            return ForwardOutcome.Done;
        }, Fail);
}
