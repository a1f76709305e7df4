using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OrleansPlatform.Gateway.Admission;

namespace OrleansPlatform.Gateway.Tests.Admission;

public sealed class AdmissionRefusalsTests
{
    [Fact]
    public void The_first_refusal_is_reported_at_once_and_the_next_ones_together_once_per_period_and_none_is_lost_from_the_total()
    {
        var time = new FakeTimeProvider();
        var logger = new CountsLogger();
        var refusals = new AdmissionRefusals(time, logger);

        refusals.Refused();
        Assert.Equal([1L], logger.Reported);

        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            refusals.Refused();
        }

        Assert.Equal([1L], logger.Reported);
        time.Advance(TimeSpan.FromSeconds(5));
        refusals.Refused();
        Assert.Equal([1L, 6L], logger.Reported);
        Assert.Equal(7, refusals.Total);
    }

    /// <summary>Keeps the Count of each report.</summary>
    private sealed class CountsLogger : ILogger<AdmissionRefusals>
    {
        public List<long> Reported { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = (IReadOnlyList<KeyValuePair<string, object?>>)state!;
            Reported.Add((long)values.Single(v => v.Key == "Count").Value!);
        }
    }
}
