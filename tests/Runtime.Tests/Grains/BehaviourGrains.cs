namespace OrleansPlatform.Runtime.Tests.Grains;

public sealed class AccountFrozenException(string message) : Exception(message);

/// <summary>Exceptions, timeouts, cancellation, one-way calls, deactivation and activation ids.</summary>
public interface IBehaviourGrain : IGrainWithGuidKey
{
    Task ThrowInvalidOperation(string message);

    Task<int> ThrowCustom(string message);

    Task Sleep(int ms);

    Task<string> WaitForCancellation(CancellationToken cancellationToken);

    [OneWay]
    Task Remember(int value);

    Task<int> GetRemembered();

    Task<string> GetActivationId();

    Task Deactivate();

    Task<List<string>> GetLifecycle();
}

public class BehaviourGrain : Grain, IBehaviourGrain
{
    public static readonly System.Collections.Concurrent.ConcurrentQueue<string> Deactivations = new();
    private readonly List<string> _lifecycle = [];
    private int _remembered;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lifecycle.Add("activated");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Deactivations.Enqueue($"{GetPrimaryKey()}:{reason}");
        return Task.CompletedTask;
    }

    public Task ThrowInvalidOperation(string message) => throw new InvalidOperationException(message);

    public async Task<int> ThrowCustom(string message)
    {
        await Task.Yield();
        throw new AccountFrozenException(message);
    }

    public Task Sleep(int ms) => Task.Delay(ms);

    public async Task<string> WaitForCancellation(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return "not cancelled";
        }
        catch (OperationCanceledException)
        {
            _remembered = -1;
            throw;
        }
    }

    public Task Remember(int value)
    {
        _remembered = value;
        return Task.CompletedTask;
    }

    public Task<int> GetRemembered() => Task.FromResult(_remembered);

    public Task<string> GetActivationId() => Task.FromResult(GrainContext.ActivationId);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<List<string>> GetLifecycle() => Task.FromResult(_lifecycle.ToList());
}
