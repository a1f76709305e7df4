using OrleansPlatform.Agent.Supervision;

namespace OrleansPlatform.Agent.Tests.Supervision;

public sealed class RestartBackoffTests
{
    [Fact]
    public void Doubles_from_the_initial_pause_up_to_the_cap_and_reset_starts_over()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

        Assert.Equal([1, 2, 4, 5, 5], Enumerable.Range(0, 5).Select(_ => backoff.Next().TotalSeconds));
        backoff.Reset();
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }
}
