using System.Text;
using OrleansPlatform.Gateway.Admin.Caches;

namespace OrleansPlatform.Gateway.Admin.Console;

/// <summary><c>/admin/caches</c>: each silo's object caches with their counters, and cluster-wide clear and reload.</summary>
internal static class CachesPage
{
    public static string Render(IReadOnlyList<SiloCaches> silos, AdminForm form)
    {
        var html = new StringBuilder();
        var types = CacheDirectory.TypesIn(silos).Order(StringComparer.Ordinal).ToList();
        html.Append("<p>Every silo: ");
        foreach (var type in types.Append(CacheDirectory.AllTypes))
        {
            var label = type == CacheDirectory.AllTypes ? "every cache" : type;
            var path = "/admin/caches/" + Uri.EscapeDataString(type);
            html.Append(AdminHtml.Button(form, path + "/clear", "Clear " + label)).Append(AdminHtml.Button(form, path + "/reload", "Reload " + label));
        }

        html.Append("</p>")
            .Append(SvgCharts.Bars("Hit ratio by silo and cache", silos.SelectMany(s => s.Caches.Select(c => ($"{s.SiloLabel} {c.CacheType}", Math.Round(c.HitRatio * 100, 1)))).ToList(), "%", max: 100, color: "#2a9d8f"))
            .Append("<table id=\"caches\"><thead><tr><th>Silo</th><th>Cache</th><th>Entries</th><th>Capacity</th><th>Hits</th><th>Misses</th><th>Hit ratio</th><th>Evictions</th></tr></thead><tbody>");
        foreach (var silo in silos)
        {
            if (!silo.Answered)
            {
                html.Append("<tr><td>").Append(AdminHtml.E(silo.SiloLabel)).Append("</td><td colspan=\"7\" class=\"drift\">did not answer in time</td></tr>");
                continue;
            }

            foreach (var cache in silo.Caches)
            {
                html.Append("<tr data-silo=\"").Append(AdminHtml.E(silo.SiloName)).Append("\" data-cache=\"").Append(AdminHtml.E(cache.CacheType)).Append("\"><td>")
                    .Append(AdminHtml.E(silo.SiloLabel)).Append("</td><td>").Append(AdminHtml.E(cache.CacheType)).Append("</td>")
                    .Append("<td class=\"num entries\">").Append(AdminHtml.Num(cache.Count)).Append("</td><td class=\"num\">").Append(AdminHtml.Num(cache.Capacity)).Append("</td>")
                    .Append("<td class=\"num\">").Append(AdminHtml.Num(cache.Hits)).Append("</td><td class=\"num\">").Append(AdminHtml.Num(cache.Misses)).Append("</td>")
                    .Append("<td class=\"num\">").Append(AdminHtml.Num(cache.HitRatio * 100, "N1")).Append(" %</td><td class=\"num\">").Append(AdminHtml.Num(cache.Evictions)).Append("</td></tr>");
            }
        }

        return html.Append("</tbody></table>").ToString();
    }
}
