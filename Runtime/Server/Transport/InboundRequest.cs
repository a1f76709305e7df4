namespace OrleansPlatform.Runtime.Transport;

/// <summary>A thread-pool work item for one inbound request, so a handler that blocks never stalls the read loop.</summary>
internal sealed class InboundRequest : IThreadPoolWorkItem
{
    private readonly ServerConnection _connection;
    private readonly ReceivedFrame _frame;

    public InboundRequest(ServerConnection connection, ReceivedFrame frame)
    {
        _connection = connection;
        _frame = frame;
    }

    public void Execute() => _ = _connection.ProcessAsync(_frame);
}
