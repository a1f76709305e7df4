using System.Text;
using OrleansPlatform.Gateway.Admin.Silos;
using OrleansPlatform.Grains.Applications;

namespace OrleansPlatform.Gateway.Admin.Console;

/// <summary><c>/admin</c>: the cluster at a glance.</summary>
internal static class OverviewPage
{
    public static string Render(SilosOverview silos, IReadOnlyList<ApplicationOverview> applications, int heldLocks)
    {
        var active = silos.Silos.Where(s => s.Status == "Active").ToList();
        var html = new StringBuilder("<div class=\"cards\">")
            .Append("<div class=\"card\" id=\"active-silos\"><b>").Append(active.Count).Append("</b>active silos</div>")
            .Append("<div class=\"card\" id=\"live-sessions\"><b>").Append(applications.Sum(a => a.LiveSessions)).Append("</b>live sessions</div>")
            .Append("<div class=\"card\"><b>").Append(applications.Count(a => a.State == Workflows.Registry.ApplicationState.Enabled)).Append(" / ").Append(applications.Count).Append("</b>applications enabled</div>")
            .Append("<div class=\"card\"><b>").Append(heldLocks).Append("</b>locks held</div>")
            .Append("<div class=\"card\"><b class=\"").Append(active.All(s => s.DigestMatchesCluster) ? "ok" : "drift").Append("\">").Append(active.Count(s => !s.DigestMatchesCluster))
            .Append("</b>silos with settings drift</div></div>")
            .Append(SvgCharts.Bars("Sessions by silo", active.Select(s => (s.Label, (double)s.Sessions)).ToList(), "sessions"))
            .Append(SvgCharts.Bars("Live sessions by application", applications.Select(a => (a.Id, (double)a.LiveSessions)).ToList(), "sessions", color: "#2a9d8f"))
            .Append("<h2>Applications</h2><table><thead><tr><th>Application</th><th>State</th><th>Live sessions</th></tr></thead><tbody>");
        foreach (var application in applications)
        {
            var state = ApplicationsPage.State(application.State);
            html.Append("<tr><td><a href=\"/admin/apps\">").Append(AdminHtml.E(application.Id)).Append("</a></td><td class=\"state-").Append(state).Append("\">").Append(state)
                .Append("</td><td class=\"num\">").Append(application.LiveSessions).Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
