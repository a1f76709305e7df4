using System.CommandLine;
using OrleansPlatform.Cli.Output;

namespace OrleansPlatform.Cli.Commands;

/// <summary><c>oplat status</c>: <c>GET /admin/api/status</c>.</summary>
internal static class StatusCommand
{
    public static Command Create(ApiCommandRunner runner) =>
        runner.Get("status", "The cluster at a glance: mode, database, active silos, drift, applications and live sessions", "status", StatusView.Render);
}
