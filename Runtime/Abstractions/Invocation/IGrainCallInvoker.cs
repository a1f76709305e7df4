namespace OrleansPlatform.Runtime.Invocation;

/// <summary>What generated proxies call: the runtime (silo or cluster client) that delivers a request to its grain.</summary>
public interface IGrainCallInvoker
{
    /// <summary>Delivers <paramref name="request"/> to the grain of <paramref name="target"/> and returns its result.</summary>
    Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request);

    /// <summary>Sends a one-way request; returns once it is handed to the runtime.</summary>
    void InvokeOneWay(GrainReference target, GrainRequest request);
}
