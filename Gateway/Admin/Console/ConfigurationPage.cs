using System.Text;
using OrleansPlatform.Gateway.Admin.Configuration;

namespace OrleansPlatform.Gateway.Admin.Console;

/// <summary><c>/admin/config</c>: the managed settings with their stored values and a form each, and how each silo drifts from the cluster.</summary>
internal static class ConfigurationPage
{
    public static string Render(ConfigurationOverview overview, IReadOnlyList<SiloDrift> drift, AdminForm form)
    {
        var html = new StringBuilder();
        html.Append("<p>Cluster settings digest <code>").Append(AdminHtml.E(overview.ClusterDigest)).Append("</code>. Stored values apply to every silo; ")
            .Append("a value for one silo (by its name) overrides the cluster's there. Settings marked live apply within a second; the others when each silo restarts.</p>")
            .Append("<h2>Silos</h2><table id=\"drift\"><thead><tr><th>Silo</th><th>Digest</th><th>Differences from the cluster</th></tr></thead><tbody>");
        foreach (var silo in drift)
        {
            html.Append("<tr data-silo=\"").Append(AdminHtml.E(silo.SiloName)).Append("\"><td>").Append(AdminHtml.E(silo.SiloLabel)).Append("</td><td><code>").Append(AdminHtml.E(silo.Digest))
                .Append("</code> ").Append(silo.MatchesCluster ? "<span class=\"ok\">matches</span>" : "<span class=\"drift\">differs</span>").Append("</td><td>")
                .Append(silo.Differences.Count == 0 ? "<span class=\"muted\">none</span>"
                    : string.Join("<br>", silo.Differences.Select(d => $"{AdminHtml.E(d.Key)}: {AdminHtml.E(d.Silo)} (cluster {AdminHtml.E(d.Cluster)}; {AdminHtml.E(d.Source)})")))
                .Append("</td></tr>");
        }

        html.Append("</tbody></table><h2>Settings</h2><table id=\"settings\"><thead><tr><th>Setting</th><th>Applies</th><th>Default</th><th>Cluster</th><th>Per silo</th><th>Change</th></tr></thead><tbody>");
        foreach (var setting in overview.Settings)
        {
            var path = "/admin/config/" + Uri.EscapeDataString(setting.Key);
            html.Append("<tr data-key=\"").Append(AdminHtml.E(setting.Key)).Append("\"><td><b>").Append(AdminHtml.E(setting.Key)).Append("</b><br><span class=\"muted\">")
                .Append(AdminHtml.E(setting.Description)).Append("</span></td><td>").Append(setting.Live ? "live" : "restart needed").Append("</td><td><code>")
                .Append(AdminHtml.E(setting.Default)).Append("</code></td><td class=\"cluster-value\">");
            if (setting.Cluster is { } cluster)
            {
                html.Append("<code>").Append(AdminHtml.E(cluster)).Append("</code> ").Append(AdminHtml.Button(form, path + "/remove", "Reset"));
            }
            else
            {
                html.Append("<span class=\"muted\">default</span>");
            }

            html.Append("</td><td>");
            foreach (var (silo, value) in setting.Overrides.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                html.Append(AdminHtml.E(silo)).Append(": <code>").Append(AdminHtml.E(value)).Append("</code> ").Append(AdminHtml.Button(form, path + "/remove", "Remove", ("silo", silo))).Append("<br>");
            }

            html.Append("</td><td><form class=\"inline\" method=\"post\" action=\"").Append(AdminHtml.E(path)).Append("\">").Append(form.Field())
                .Append("<input type=\"text\" name=\"value\" aria-label=\"New value of ").Append(AdminHtml.E(setting.Key)).Append("\" placeholder=\"").Append(AdminHtml.E(setting.Value)).Append("\">")
                .Append(" <input type=\"text\" name=\"silo\" aria-label=\"Silo name (empty: cluster-wide)\" placeholder=\"silo (empty: cluster)\">")
                .Append(" <button type=\"submit\">Save</button></form></td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
