using System.Text;
using OrleansPlatform.Grains.Applications;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Registry;
using OrleansPlatform.Grains.Silos;

namespace OrleansPlatform.Gateway.Admin.Console;

/// <summary><c>/admin/apps</c>: every application, its versions and state, its live sessions per silo, and the enable/disable buttons.</summary>
internal static class ApplicationsPage
{
    public static string Render(IReadOnlyList<ApplicationOverview> applications, IReadOnlyDictionary<string, string> siloNames, AdminForm form)
    {
        var html = new StringBuilder();
        html.Append("<p class=\"muted\">Disable immediately: new sessions and every interaction get 503 at once. Disable gracefully: new sessions get 503, ")
            .Append("existing ones go on until they end or expire, then the state becomes disabled.</p>")
            .Append(SvgCharts.Bars("Live sessions by application", applications.Select(a => (a.Id, (double)a.LiveSessions)).ToList(), "sessions"))
            .Append("<table id=\"applications\"><thead><tr><th>Application</th><th>Versions</th><th>State</th><th>Since</th><th>Live sessions by silo</th><th>Actions</th></tr></thead><tbody>");
        foreach (var application in applications)
        {
            var state = State(application.State);
            html.Append("<tr data-app=\"").Append(AdminHtml.E(application.Id)).Append("\"><td><b>").Append(AdminHtml.E(application.Id)).Append("</b><br><span class=\"muted\">")
                .Append(AdminHtml.E(application.Title)).Append("</span></td><td>").Append(AdminHtml.E(string.Join(", ", application.Versions))).Append("</td>")
                .Append("<td class=\"state state-").Append(state).Append("\">").Append(state).Append("</td><td>").Append(AdminHtml.Time(application.ChangedAt)).Append("</td><td>");
            html.Append(application.LiveSessionsBySilo.Count == 0 ? "<span class=\"muted\">none</span>"
                : string.Join("<br>", application.LiveSessionsBySilo.Select(kv => (Label: SiloLabels.Of(kv.Key, siloNames), Sessions: kv.Value)).OrderBy(s => s.Label, StringComparer.Ordinal).Select(s => $"{AdminHtml.E(s.Label)}: {s.Sessions}")));
            html.Append("</td><td>");
            var path = "/admin/apps/" + Uri.EscapeDataString(application.Id);
            if (application.State != ApplicationState.Enabled)
            {
                html.Append(AdminHtml.Button(form, path + "/enable", "Enable"));
            }

            if (application.State != ApplicationState.Disabled)
            {
                html.Append(AdminHtml.Button(form, path + "/disable", "Disable immediately", ("mode", "immediate")));
            }

            if (application.State == ApplicationState.Enabled)
            {
                html.Append(AdminHtml.Button(form, path + "/disable", "Disable gracefully", ("mode", "graceful")));
            }

            html.Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    public static string State(ApplicationState state) => state switch
    {
        ApplicationState.Enabled => "enabled",
        ApplicationState.Draining => "draining",
        _ => "disabled",
    };
}
