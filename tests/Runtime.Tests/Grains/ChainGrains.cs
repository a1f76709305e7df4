namespace OrleansPlatform.Runtime.Tests.Grains;

/// <summary>Grains that call each other, for call-chain reentrancy and deadlock detection.</summary>
public interface IChainGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="other"/>, which calls back this grain: A -> B -> A.</summary>
    Task<string> PingVia(string other);

    /// <summary>Calls back <paramref name="caller"/>.Echo.</summary>
    Task<string> CallBack(string caller);

    Task<string> Echo();

    /// <summary>Holds this grain busy for <paramref name="holdMs"/>, then calls <paramref name="other"/>.Echo.</summary>
    Task<string> HoldThenCall(string other, int holdMs);

    /// <summary>Calls <paramref name="middle"/>.HoldThenCall(<paramref name="last"/>): a three-grain chain.</summary>
    Task<string> HoldThenCallThrough(string middle, string last, int holdMs);
}

public class ChainGrain : Grain, IChainGrain
{
    public Task<string> PingVia(string other) =>
        GrainFactory.GetGrain<IChainGrain>(other).CallBack(GetPrimaryKeyString());

    public async Task<string> CallBack(string caller) =>
        "via " + GetPrimaryKeyString() + ": " + await GrainFactory.GetGrain<IChainGrain>(caller).Echo();

    public Task<string> Echo() => Task.FromResult("echo " + GetPrimaryKeyString());

    public async Task<string> HoldThenCall(string other, int holdMs)
    {
        await Task.Delay(holdMs);
        return await GrainFactory.GetGrain<IChainGrain>(other).Echo();
    }

    public async Task<string> HoldThenCallThrough(string middle, string last, int holdMs)
    {
        await Task.Delay(holdMs);
        return await GrainFactory.GetGrain<IChainGrain>(middle).HoldThenCall(last, 0);
    }
}
