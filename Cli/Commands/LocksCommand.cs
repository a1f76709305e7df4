using System.CommandLine;
using OrleansPlatform.Cli.Output;

namespace OrleansPlatform.Cli.Commands;

/// <summary><c>oplat locks</c>: <c>GET /admin/api/locks</c>.</summary>
internal static class LocksCommand
{
    public static Command Create(ApiCommandRunner runner) =>
        runner.Get("locks", "Every live cluster-lock holding: mode, owner, silo, fencing token, lease remaining", "locks", LocksView.Render);
}
