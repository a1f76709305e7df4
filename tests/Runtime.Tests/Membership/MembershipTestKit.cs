using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Membership;

namespace OrleansPlatform.Runtime.Tests.Membership;

/// <summary>Membership tests share timing-sensitive clusters: they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class MembershipCollection
{
    public const string Name = "Membership";
}

/// <summary><see cref="ILocalSiloDetails"/> for a test silo.</summary>
internal sealed class TestLocalSiloDetails(SiloAddress address, string name) : ILocalSiloDetails
{
    public SiloAddress Address { get; } = address;

    public string Name { get; } = name;

    public string Role { get; } = "test";

    public string ConfigDigest { get; } = "digest-" + name;
}

/// <summary>An <see cref="ISiloLoadSource"/> whose load the test sets.</summary>
internal sealed class TestLoadSource : ISiloLoadSource
{
    private SiloLoad load = SiloLoad.Empty;

    public SiloLoad Load
    {
        get => Volatile.Read(ref load);
        set => Volatile.Write(ref load, value);
    }

    public SiloLoad GetLoad() => Load;
}

/// <summary>An <see cref="IClusterDatabase"/> that forwards to a real one until told to fail (a database outage).</summary>
internal sealed class FlakyClusterDatabase(IClusterDatabase inner) : IClusterDatabase
{
    private volatile bool failing;

    public DatabaseProvider Provider => inner.Provider;

    public bool Failing
    {
        get => failing;
        set => failing = value;
    }

    public ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        failing
            ? ValueTask.FromException<DbConnection>(new InvalidOperationException("Simulated database outage."))
            : inner.OpenConnectionAsync(cancellationToken);
}

/// <summary>Records log entries of every category (level, event id, message) for assertions.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, int EventId, string Text)> Entries { get; } = new();

    public bool Has(int eventId) => Entries.Any(e => e.EventId == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.Entries.Enqueue((category, logLevel, eventId.Id, formatter(state, exception) + (exception is null ? string.Empty : " " + exception.Message)));
        }
    }
}

/// <summary>Polling helpers bounded in time.</summary>
internal static class Wait
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? Bound);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting until " + what);
            }

            await Task.Delay(20);
        }
    }
}
