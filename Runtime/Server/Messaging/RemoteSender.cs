using System.Buffers;
using System.Text.Json;
using OrleansPlatform.Runtime.Invocation;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Runtime.Serialization;
using OrleansPlatform.Runtime.Transport;

namespace OrleansPlatform.Runtime.Messaging;

/// <summary>Sends grain requests to other silos over the transport and decodes their replies.</summary>
internal sealed class RemoteSender
{
    private readonly IConnectionPool _connections;

    public RemoteSender(IConnectionPool connections, IPlatformSerializer serializer)
    {
        _connections = connections;
        Options = serializer.Options;
    }

    public JsonSerializerOptions Options { get; }

    public static byte[] SerializeHeader(CallHeader header) =>
        JsonSerializer.SerializeToUtf8Bytes(header, MessagingJsonContext.Default.CallHeader);

    public static byte[] SerializeReply(ReplyHeader header) =>
        JsonSerializer.SerializeToUtf8Bytes(header, MessagingJsonContext.Default.ReplyHeader);

    public byte[] SerializeArguments(GrainRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            request.WriteArguments(writer, Options);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public TResult DeserializeResult<TResult>(ReadOnlyMemory<byte> body) =>
        body.IsEmpty ? default! : JsonSerializer.Deserialize<TResult>(body.Span, Options)!;

    public async Task<(ReplyHeader Reply, ReadOnlyMemory<byte> Body)> SendAsync(
        SiloAddress target, CallHeader header, ReadOnlyMemory<byte> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var response = await _connections.GetConnection(target.EndPoint)
            .SendRequestAsync(SerializeHeader(header), arguments, timeout, cancellationToken)
            .ConfigureAwait(false);
        if (response.IsError || response.Header.IsEmpty)
        {
            return (new ReplyHeader { Status = ReplyStatus.Error, ExceptionType = typeof(RemoteGrainException).FullName, Message = $"Silo {target} failed to handle the request." }, default);
        }

        var reply = JsonSerializer.Deserialize(response.Header.Span, MessagingJsonContext.Default.ReplyHeader)
            ?? throw new JsonException("Empty reply header.");
        return (reply, response.Body);
    }

    public ValueTask SendOneWayAsync(SiloAddress target, CallHeader header, ReadOnlyMemory<byte> arguments, CancellationToken cancellationToken) =>
        _connections.GetConnection(target.EndPoint).SendOneWayAsync(SerializeHeader(header), arguments, cancellationToken);

    /// <summary>Runs a send and maps transport failures to the caller-visible outcome: safe to retry, or failed.</summary>
    public static async Task<ForwardOutcome> GuardAsync(SiloAddress target, Func<Task<ForwardOutcome>> send, Action<Exception> fail)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TransportConnectException or TransportHandshakeException)
        {
            // Nothing reached the silo: trying elsewhere cannot run the call twice.
            return ForwardOutcome.Rejected(RejectReasons.Unreachable);
        }
        catch (ConnectionLostException exception)
        {
            fail(new SiloUnavailableException($"Silo {target} was lost while the call was in flight; it may or may not have run.", exception));
            return ForwardOutcome.Done;
        }
        catch (TransportTimeoutException exception)
        {
            fail(new GrainCallTimeoutException($"No response from silo {target} within the response timeout.", exception));
            return ForwardOutcome.Done;
        }
    }
}
