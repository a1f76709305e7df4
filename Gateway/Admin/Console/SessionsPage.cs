using System.Text;
using OrleansPlatform.Gateway.Admin.Sessions;

namespace OrleansPlatform.Gateway.Admin.Console;

/// <summary><c>/admin/sessions</c>: session counts, fail-overs against time-outs over the last half hour, and the last 100 events.</summary>
internal static class SessionsPage
{
    public static string Render(SessionsOverview sessions)
    {
        var html = new StringBuilder("<div class=\"cards\">");
        foreach (var (status, count) in sessions.ByStatus)
        {
            html.Append("<div class=\"card\" data-status=\"").Append(AdminHtml.E(status)).Append("\"><b>").Append(AdminHtml.Num(count)).Append("</b>").Append(AdminHtml.E(status)).Append("</div>");
        }

        foreach (var (kind, count) in sessions.Events)
        {
            html.Append("<div class=\"card\" data-event=\"").Append(AdminHtml.E(kind)).Append("\"><b>").Append(AdminHtml.Num(count)).Append("</b>").Append(AdminHtml.E(kind)).Append(" (all time)</div>");
        }

        html.Append("</div>")
            .Append(SvgCharts.Timeline(
                "Fail-overs and time-outs per minute (last 30 minutes)",
                sessions.Timeline.Select(m => m.Minute).ToList(),
                [
                    ("fail-overs", "#e76f51", sessions.Timeline.Select(m => m.FailOvers).ToList()),
                    ("time-outs", "#e9c46a", sessions.Timeline.Select(m => m.TimeOuts).ToList()),
                    ("started", "#457b9d", sessions.Timeline.Select(m => m.Started).ToList()),
                ]))
            .Append(SvgCharts.Bars("Live sessions by application", sessions.ByApplication.Select(kv => (kv.Key, (double)kv.Value)).ToList(), "sessions"))
            .Append(SvgCharts.Bars("Live sessions by silo", sessions.BySilo.Select(kv => (sessions.SiloLabels.GetValueOrDefault(kv.Key, kv.Key), (double)kv.Value)).ToList(), "sessions", color: "#2a9d8f"))
            .Append("<h2>Last session events</h2><table id=\"events\"><thead><tr><th>When</th><th>Event</th><th>Session</th><th>Application</th><th>Silo</th></tr></thead><tbody>");
        foreach (var entry in sessions.Recent)
        {
            html.Append("<tr><td>").Append(AdminHtml.Time(entry.At)).Append("</td><td>").Append(AdminHtml.E(entry.Kind)).Append("</td><td><code>").Append(AdminHtml.E(entry.Session))
                .Append("</code></td><td>").Append(AdminHtml.E(entry.Application)).Append("</td><td>").Append(AdminHtml.E(sessions.SiloLabels.GetValueOrDefault(entry.Silo, entry.Silo))).Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
