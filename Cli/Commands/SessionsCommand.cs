using System.CommandLine;
using OrleansPlatform.Cli.Output;

namespace OrleansPlatform.Cli.Commands;

/// <summary><c>oplat sessions</c>: <c>GET /admin/api/sessions</c>.</summary>
internal static class SessionsCommand
{
    public static Command Create(ApiCommandRunner runner) =>
        runner.Get("sessions", "Sessions by application, silo and status, event counters and the last events", "sessions", SessionsView.Render);
}
