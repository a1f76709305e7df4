using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Transport;

namespace OrleansPlatform.Runtime.Tests.Transport;

/// <summary>Shared helpers: options, a delegate frame handler, a log sink and a loopback listener.</summary>
internal static class TransportTestKit
{
    public const string Secret = "unit-test-cluster-secret-0123456789";
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public static TransportOptions Options(string nodeId, Action<TransportOptions>? configure = null)
    {
        var options = new TransportOptions
        {
            ClusterId = "test-cluster",
            NodeId = nodeId,
            ClusterSecret = Secret,
            HandshakeTimeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return options;
    }

    public static async Task<TransportListener> StartListenerAsync(
        IFrameHandler handler,
        Action<TransportOptions>? configure = null,
        ILoggerFactory? loggerFactory = null,
        int port = 0)
    {
        var listener = new TransportListener(
            new IPEndPoint(IPAddress.Loopback, port),
            handler,
            Microsoft.Extensions.Options.Options.Create(Options("server", configure)),
            loggerFactory);
        using var timeout = new CancellationTokenSource(Bound);
        await listener.StartAsync(timeout.Token);
        return listener;
    }

    public static byte[] Utf8(string value) => System.Text.Encoding.UTF8.GetBytes(value);

    public static string Text(ReadOnlyMemory<byte> value) => System.Text.Encoding.UTF8.GetString(value.Span);

    /// <summary>Polls until <paramref name="condition"/> holds, failing after <see cref="Bound"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting until " + what);
            }

            await Task.Delay(10);
        }
    }
}

/// <summary>An <see cref="IFrameHandler"/> over a delegate, counting invocations.</summary>
internal sealed class DelegateFrameHandler : IFrameHandler
{
    private readonly Func<InboundFrame, PeerInfo, CancellationToken, ValueTask<ResponseFrame?>> _handle;
    private int _calls;

    public DelegateFrameHandler(Func<InboundFrame, PeerInfo, CancellationToken, ValueTask<ResponseFrame?>> handle) => _handle = handle;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Echoes the request's header and body.</summary>
    public static DelegateFrameHandler Echo() =>
        new((frame, _, _) => ValueTask.FromResult<ResponseFrame?>(new ResponseFrame(frame.Header, frame.Body)));

    public ValueTask<ResponseFrame?> HandleAsync(InboundFrame frame, PeerInfo peer, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return _handle(frame, peer, cancellationToken);
    }
}

/// <summary>A logger factory that records every entry (formatted message and exception text).</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory, ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, int EventId, string Text)> Entries { get; } = new();

    public bool Has(int eventId) => Entries.Any(e => e.EventId == eventId);

    public bool AnyContains(string value) => Entries.Any(e => e.Text.Contains(value, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.Entries.Enqueue((logLevel, eventId.Id, formatter(state, exception) + " " + exception));
        }
    }
}
