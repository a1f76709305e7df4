namespace OrleansPlatform.Agent.Supervision;

/// <summary>Where supervisors report their resources' transitions. Never blocks and never throws.</summary>
public interface ITransitionRecorder
{
    /// <summary>Records <paramref name="transition"/> (written behind, in order).</summary>
    void Record(ResourceTransition transition);
}
