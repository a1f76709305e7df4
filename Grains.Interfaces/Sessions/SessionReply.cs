using OrleansPlatform.Workflows.Views;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>The answer to every session call: the view to show and the last applied client seq (0 after Start).</summary>
[GenerateSerializer]
[Immutable]
[Alias("op.session-reply")]
public sealed record SessionReply(
    [property: Id(0)] string SessionId,
    [property: Id(1)] SessionStatus Status,
    [property: Id(2)] long Seq,
    [property: Id(3)] SessionView View);
