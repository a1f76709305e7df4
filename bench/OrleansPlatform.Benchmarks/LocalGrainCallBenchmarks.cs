using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Benchmarks;

/// <summary>
/// A call of <see cref="IBenchCounterGrain.Add"/> through Orleans in a real in-process silo (localhost clustering, the
/// silo host's own grain factory: proxy, invoker, message to the local activation, turn on its scheduler, response)
/// against a direct call of the same method on the very same grain object. Latency: one awaited call at a time.
/// Throughput: 1,000 calls spread over 100 grains, all in flight, awaited together.
/// </summary>
public class LocalGrainCallBenchmarks
{
    private const int Grains = 100;
    private const int ConcurrentCalls = 1_000;

    private readonly Task<int>[] _pending = new Task<int>[ConcurrentCalls];
    private IHost? _host;
    private IBenchCounterGrain[] _references = [];
    private IBenchCounterGrain[] _instances = [];

    // BenchmarkDotNet 0.14's in-process toolchain does not await a Task-returning setup or cleanup: block here.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        var clusterId = "bench-local-" + Environment.ProcessId;
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreeTcpPort.Next(), FreeTcpPort.Next(), serviceId: clusterId, clusterId: clusterId));
        _host = builder.Build();
        await _host.StartAsync();

        var factory = _host.Services.GetRequiredService<IGrainFactory>();
        _references = new IBenchCounterGrain[Grains];
        _instances = new IBenchCounterGrain[Grains];
        for (var i = 0; i < Grains; i++)
        {
            _references[i] = factory.GetGrain<IBenchCounterGrain>(i);
            await _references[i].Add(0); // activates the grain
            _instances[i] = BenchCounterGrain.Activations.TryGetValue(i, out var grain)
                ? grain
                : throw new InvalidOperationException($"No activation of bench counter {i} after its first call.");
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

        BenchCounterGrain.Activations.Clear();
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

    private Task CallAll(IBenchCounterGrain[] grains)
    {
        for (var i = 0; i < ConcurrentCalls; i++)
        {
            _pending[i] = grains[i % Grains].Add(1);
        }

        return Task.WhenAll(_pending);
    }
}
