using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Runtime;
using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.Hosting;

namespace OrleansPlatform.Benchmarks;

/// <summary>
/// A call of <see cref="ICounterGrain.Add"/> through the grain runtime of a real in-process silo (proxy, invoker,
/// catalog, activation turn on the activation's scheduler, response) against a direct call of the same method on the
/// very same grain object (taken from the activation after the first call). Latency: one awaited call at a time.
/// Throughput: 1,000 concurrent calls spread over 100 grains, awaited together.
/// </summary>
public class LocalGrainCallBenchmarks
{
    private const int Grains = 100;
    private const int ConcurrentCalls = 1_000;

    private readonly Task<int>[] _pending = new Task<int>[ConcurrentCalls];
    private IHost? _host;
    private ICounterGrain[] _references = [];
    private ICounterGrain[] _instances = [];

    // BenchmarkDotNet 0.14's in-process toolchain does not await a Task-returning setup or cleanup: block here.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGrainRuntime().AddGrain<CounterGrain>();
        _host = builder.Build();
        await _host.StartAsync();

        var factory = _host.Services.GetRequiredService<IGrainFactory>();
        var catalog = _host.Services.GetRequiredService<ActivationCatalog>();
        _references = new ICounterGrain[Grains];
        _instances = new ICounterGrain[Grains];
        for (var i = 0; i < Grains; i++)
        {
            var reference = factory.GetGrain<ICounterGrain>(i);
            await reference.Add(0); // activates the grain
            var grainId = ((Runtime.Invocation.GrainReference)(object)reference).GrainId;
            if (!catalog.TryGet(grainId, out var activation) || activation.GrainInstance is not CounterGrain grain)
            {
                throw new InvalidOperationException($"No activation of {grainId} after its first call.");
            }

            _references[i] = reference;
            _instances[i] = grain;
        }
    }

    private async Task CleanupAsync()
    {
        if (_host is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _host.StopAsync(timeout.Token);
            _host.Dispose();
            _host = null;
        }
    }

    [Benchmark(Baseline = true, Description = "Direct call")]
    [BenchmarkCategory("Latency")]
    public Task<int> DirectCall() => _instances[0].Add(1);

    [Benchmark(Description = "Grain call")]
    [BenchmarkCategory("Latency")]
    public Task<int> GrainCall() => _references[0].Add(1);

    [Benchmark(Baseline = true, OperationsPerInvoke = ConcurrentCalls, Description = "1,000 direct calls")]
    [BenchmarkCategory("Throughput")]
    public Task DirectCallsConcurrent() => CallAll(_instances);

    [Benchmark(OperationsPerInvoke = ConcurrentCalls, Description = "1,000 grain calls")]
    [BenchmarkCategory("Throughput")]
    public Task GrainCallsConcurrent() => CallAll(_references);

    private Task CallAll(ICounterGrain[] grains)
    {
        for (var i = 0; i < ConcurrentCalls; i++)
        {
            _pending[i] = grains[i % Grains].Add(1);
        }

        return Task.WhenAll(_pending);
    }
}
