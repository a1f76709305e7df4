using System.Text;
using OrleansPlatform.Workflows.Locks;
using OrleansPlatform.Grains.Silos;

namespace OrleansPlatform.Gateway.Admin.Console;

/// <summary><c>/admin/locks</c>: the held cluster locks.</summary>
internal static class LocksPage
{
    public static string Render(IReadOnlyList<LockHolding> holdings, IReadOnlyDictionary<string, string> siloNames)
    {
        if (holdings.Count == 0)
        {
            return "<p class=\"muted\" id=\"no-locks\">No cluster lock is held right now.</p>";
        }

        var html = new StringBuilder("<table id=\"locks\"><thead><tr><th>Lock</th><th>Mode</th><th>Owner</th><th>Silo</th><th>Fencing token</th><th>Acquired</th><th>Lease expires</th></tr></thead><tbody>");
        foreach (var holding in holdings)
        {
            html.Append("<tr><td>").Append(AdminHtml.E(holding.Name)).Append("</td><td>").Append(holding.Mode).Append("</td><td><code>").Append(AdminHtml.E(holding.Owner.OwnerId))
                .Append("</code></td><td>").Append(AdminHtml.E(SiloLabels.Of(holding.Owner.SiloId, siloNames))).Append("</td><td class=\"num\">")
                .Append(holding.FencingToken).Append("</td><td>").Append(AdminHtml.Time(holding.AcquiredAt)).Append("</td><td>").Append(AdminHtml.Time(holding.LeaseExpiresAt))
                .Append(" (in ").Append(AdminHtml.Duration(holding.LeaseRemaining.TotalSeconds)).Append(")</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
