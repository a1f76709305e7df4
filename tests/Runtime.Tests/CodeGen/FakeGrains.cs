using OrleansPlatform.Runtime.Invocation;

namespace OrleansPlatform.Runtime.Tests.CodeGen;

/// <summary>
/// Records what proxies send. With a <see cref="Target"/> it delivers requests to that object through the generated
/// request's <c>InvokeAsync</c>, like a silo would for a local call.
/// </summary>
internal sealed class RecordingInvoker : IGrainCallInvoker
{
    public List<(GrainReference Target, GrainRequest Request)> Calls { get; } = [];

    public List<(GrainReference Target, GrainRequest Request)> OneWayCalls { get; } = [];

    public object? Target { get; init; }

    public Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        Calls.Add((target, request));
        return Target is null ? Task.FromResult(default(TResult)!) : request.InvokeAsync(Target).AsTask();
    }

    public void InvokeOneWay(GrainReference target, GrainRequest request)
        => OneWayCalls.Add((target, request));
}

/// <summary>A hand-written implementation the generated requests are invoked against.</summary>
internal sealed class Calculator : ICalculatorGrain
{
    public List<string> Log { get; } = [];

    public CancellationToken LastToken { get; private set; }

    public Task<int> Add(int left, int right) => Task.FromResult(left + right);

    public Task<string?> Echo(string? text, CancellationToken cancellationToken)
    {
        LastToken = cancellationToken;
        return Task.FromResult(text is null ? null : "echo:" + text);
    }

    public ValueTask<List<string>> Split(string text, char separator) => new([.. text.Split(separator)]);

    public async Task<Dictionary<string, int>?> CountWords(string[] words, CancellationToken cancellationToken = default)
    {
        LastToken = cancellationToken;
        await Task.Yield();
        return words.Length == 0 ? null : words.GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
    }

    public ValueTask Reset()
    {
        Log.Add("reset");
        return ValueTask.CompletedTask;
    }

    public async Task Clear()
    {
        await Task.Yield();
        Log.Add("clear");
    }

    public Task Notify(string message)
    {
        Log.Add("notify:" + message);
        return Task.CompletedTask;
    }

    public ValueTask NotifyValue(int value)
    {
        Log.Add("value:" + value);
        return default;
    }

    public Task<int> Peek(string @event, int? limit = null) => Task.FromResult(@event.Length + (limit ?? 100));
}

internal sealed class Pinger : IPingBoth
{
    public Task<string> Ping(string message) => Task.FromResult("pong:" + message);

    public Task<int> OnlyA() => Task.FromResult(1);

    public Task<string> Both() => Task.FromResult("both");
}
