using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Runtime.Filters;
using OrleansPlatform.Runtime.Tests.Grains;
using OrleansPlatform.Runtime.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Runtime.Tests.Filters;

public sealed class CallFilterTests
{
    [Fact]
    public async Task Incoming_and_outgoing_filters_run_around_every_call_and_may_replace_the_result()
    {
        var log = new ConcurrentQueue<string>();
        await using var silo = await TestSilo.StartAsync(configureServices: services =>
        {
            services.AddSingleton<IIncomingGrainCallFilter>(new RecordingIncomingFilter(log));
            services.AddSingleton<IOutgoingGrainCallFilter>(new RecordingOutgoingFilter(log));
        });
        var grain = silo.GrainFactory.GetGrain<IChainGrain>("filtered");

        var echo = await grain.Echo();

        Assert.Equal("echo filtered (filtered)", echo);
        Assert.Equal(
            ["out:before:IChainGrain.Echo", "in:before:IChainGrain.Echo:chain/filtered", "in:after", "out:after"],
            log.Select(l => l.Replace("OrleansPlatform.Runtime.Tests.Grains.", string.Empty, StringComparison.Ordinal)).ToArray());
    }

    private sealed class RecordingIncomingFilter(ConcurrentQueue<string> log) : IIncomingGrainCallFilter
    {
        public async Task Invoke(IIncomingGrainCallContext context)
        {
            log.Enqueue($"in:before:{context.Request.Method}:{context.TargetId}");
            await context.Invoke();
            context.Result = context.Result + " (filtered)";
            log.Enqueue("in:after");
        }
    }

    private sealed class RecordingOutgoingFilter(ConcurrentQueue<string> log) : IOutgoingGrainCallFilter
    {
        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            log.Enqueue($"out:before:{context.Request.Method}");
            await context.Invoke();
            log.Enqueue("out:after");
        }
    }
}
