namespace OrleansPlatform.Gateway.Api;

/// <summary>The <c>type</c> URIs of the Gateway's own problem kinds, so clients can tell them apart without parsing text.</summary>
public static class ProblemTypes
{
    /// <summary>The application is disabled (or draining, for new sessions).</summary>
    public const string ApplicationDisabled = "https://orleansplatform.dev/problems/application-disabled";

    /// <summary>Every silo is at its session capacity.</summary>
    public const string ClusterBusy = "https://orleansplatform.dev/problems/cluster-busy";

    /// <summary>The platform could not answer in time.</summary>
    public const string Unavailable = "https://orleansplatform.dev/problems/unavailable";

    /// <summary>The Gateway or the silos are over capacity: the request was refused before any work.</summary>
    public const string Overloaded = "https://orleansplatform.dev/problems/overloaded";
}
