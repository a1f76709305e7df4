using OrleansPlatform.Runtime;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>A user's session of one application.</summary>
public interface ISessionGrain : IGrainWithStringKey
{
    Task<SessionReply> Start(string applicationId);

    Task<SessionReply> GetView();

    Task<SessionReply> Interact(SessionAction action);

    Task End();
}
