using OrleansPlatform.Runtime.Tests.Grains;
using OrleansPlatform.Runtime.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Runtime.Tests.Invocation;

public sealed class CallBehaviourTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() =>
        _silo = await TestSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private IBehaviourGrain NewGrain() => _silo.GrainFactory.GetGrain<IBehaviourGrain>(Guid.NewGuid());

    [Fact]
    public async Task A_grain_exception_reaches_the_caller_with_its_type_and_message()
    {
        var grain = NewGrain();

        var invalid = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowInvalidOperation("no such order 42"));
        var custom = await Assert.ThrowsAsync<AccountFrozenException>(() => grain.ThrowCustom("account 7 is frozen"));

        Assert.Equal("no such order 42", invalid.Message);
        Assert.Equal("account 7 is frozen", custom.Message);
        Assert.Equal(0, await grain.GetRemembered());
    }

    [Fact]
    public async Task Cancelling_the_callers_token_cancels_the_grain_method_and_the_call()
    {
        var grain = NewGrain();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => grain.WaitForCancellation(cancellation.Token));

        Assert.Equal(-1, await Eventually.ReturnsAsync(grain.GetRemembered, v => v == -1));
    }

    [Fact]
    public async Task A_one_way_call_returns_at_once_and_is_delivered()
    {
        var grain = NewGrain();

        await grain.Remember(42);

        Assert.Equal(42, await Eventually.ReturnsAsync(grain.GetRemembered, v => v == 42));
    }

    [Fact]
    public async Task DeactivateOnIdle_ends_the_activation_and_the_next_call_gets_a_new_one()
    {
        var grain = NewGrain();
        var first = await grain.GetActivationId();

        await grain.Deactivate();
        var second = await Eventually.ReturnsAsync(grain.GetActivationId, id => id != first);

        Assert.NotEqual(first, second);
        Assert.Equal(["activated"], await grain.GetLifecycle());
        Assert.Contains(BehaviourGrain.Deactivations, d => d.EndsWith(":ApplicationRequested", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_without_a_response_in_time_fails_with_the_typed_timeout()
    {
        await using var silo = await TestSilo.StartAsync(new Dictionary<string, string?> { ["Messaging:ResponseTimeout"] = "00:00:00.500" });
        var grain = silo.GrainFactory.GetGrain<IBehaviourGrain>(Guid.NewGuid());

        var timeout = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.Sleep(10_000));

        Assert.Contains("Sleep", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("behaviour/", timeout.Message, StringComparison.Ordinal);
    }
}
