namespace OrleansPlatform.Workflows.Registry;

/// <summary>The default <see cref="IApplicationStates"/>: no stored states, every application enabled.</summary>
internal sealed class AllEnabledApplicationStates : IApplicationStates
{
    public ApplicationState StateOf(string applicationId) => ApplicationState.Enabled;
}
