using System.Text;
using OrleansPlatform.Gateway.Admin.Silos;
using OrleansPlatform.Grains.Silos;

namespace OrleansPlatform.Gateway.Admin.Console;

/// <summary><c>/admin/silos</c>: every silo with its figures and settings digest, the drain button, and the membership history.</summary>
internal static class SilosPage
{
    public static string Render(SilosOverview overview, AdminForm form)
    {
        var active = overview.Silos.Where(s => s.Status == "Active").ToList();
        var html = new StringBuilder();
        html.Append("<p>Cluster settings digest <code id=\"cluster-digest\">").Append(AdminHtml.E(overview.ClusterDigest)).Append("</code>. ")
            .Append("Drain shuts a silo down gracefully: its sessions are written and move to the other silos; run.sh does not restart it.</p>")
            .Append(SvgCharts.Bars("Sessions by silo", active.Select(s => (s.Label, (double)s.Sessions)).ToList(), "sessions"))
            .Append(SvgCharts.Bars("CPU by silo", active.Select(s => (s.Label, Math.Round(s.CpuPercent ?? 0, 1))).ToList(), "%", max: 100, color: "#e76f51"))
            .Append(SvgCharts.Bars("Memory by silo", active.Select(s => (s.Label, Math.Round((s.MemoryBytes ?? 0) / 1024d / 1024d, 1))).ToList(), "MiB", color: "#8d6cab"))
            .Append("<p id=\"activations-note\" class=\"muted\">Activations: the grain activations on the silo now, summed over grain types from Orleans' grain ")
            .Append("statistics (sessions, caches, locks and Orleans' own grains such as the dashboard's): the count behind the Orleans Dashboard's ")
            .Append("Total Activations, which sums the same statistics. Orleans' runtime count (<code>runtimeActivations</code> in <code>GET /admin/api/silos</code>, ")
            .Append("and the dashboard's activations history chart) also counts the runtime's own per-silo services (system targets), so it is higher. ")
            .Append("The dashboard refreshes every second and this page every 10 s, so the two can be one refresh apart.</p>")
            .Append("<table id=\"silos\"><thead><tr><th>Silo</th><th>Status</th><th>Pid</th><th>Uptime</th><th>Activations</th><th>Sessions</th>")
            .Append("<th>CPU</th><th>Memory</th><th>Version</th><th>Settings digest</th><th>Action</th></tr></thead><tbody>");
        foreach (var silo in overview.Silos)
        {
            // The label links to the silo's page on the Orleans Dashboard, which knows it by its parsable id.
            html.Append("<tr data-silo=\"").Append(AdminHtml.E(silo.Name)).Append("\" data-id=\"").Append(AdminHtml.E(silo.Id)).Append("\"><td><a href=\"")
                .Append(AdminHtml.E(AdminServiceCollectionExtensions.DashboardPath + "/#/host/" + silo.Id)).Append("\">").Append(AdminHtml.E(silo.Label)).Append("</a>")
                .Append("</td><td>").Append(AdminHtml.E(silo.Status)).Append("</td><td class=\"num\">")
                .Append(silo.Pid == 0 ? "–" : AdminHtml.Num(silo.Pid, "0")).Append("</td><td>").Append(AdminHtml.Duration(silo.UptimeSeconds)).Append("</td><td class=\"num\">")
                .Append(AdminHtml.Num(silo.Activations)).Append("</td><td class=\"num\">").Append(AdminHtml.Num(silo.Sessions)).Append("</td><td class=\"num\">")
                .Append(silo.CpuPercent is { } cpu ? AdminHtml.Num(cpu, "N1") + " %" : "–").Append("</td><td class=\"num\">").Append(AdminHtml.Mebibytes(silo.MemoryBytes))
                .Append("</td><td title=\"").Append(AdminHtml.E(silo.Version)).Append("\">").Append(AdminHtml.E(ShortVersion(silo.Version))).Append("</td><td><code>").Append(AdminHtml.E(silo.ConfigDigest)).Append("</code> ")
                .Append(silo.Status != "Active" ? string.Empty : silo.DigestMatchesCluster ? "<span class=\"ok\">matches</span>" : "<span class=\"drift\">differs from the cluster</span>")
                .Append("</td><td>");
            if (silo.Status == "Active" && active.Count > 1)
            {
                html.Append(AdminHtml.Button(form, "/admin/silos/" + Uri.EscapeDataString(silo.Id) + "/drain", "Drain"));
            }

            html.Append("</td></tr>");
        }

        html.Append("</tbody></table><h2>Membership history</h2><table id=\"history\"><thead><tr><th>When</th><th>Silo</th><th>Event</th><th>Id</th></tr></thead><tbody>");
        foreach (var entry in overview.History.Take(50))
        {
            html.Append("<tr><td>").Append(AdminHtml.Time(entry.At)).Append("</td><td>").Append(AdminHtml.E(SiloLabels.Of(entry.SiloName, entry.SiloId))).Append("</td><td class=\"")
                .Append(entry.Kind == "died" ? "drift" : string.Empty).Append("\">").Append(AdminHtml.E(entry.Kind)).Append("</td><td><code>").Append(AdminHtml.E(entry.SiloId)).Append("</code></td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    // "1.0.0+<40-hex commit>" as "1.0.0+<7 hex>": the whole one is in the cell's title.
    private static string ShortVersion(string version)
    {
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 || version.Length <= plus + 8 ? version : version[..(plus + 8)];
    }
}
