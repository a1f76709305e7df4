using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace OrleansPlatform.Gateway.Admin.Console;

/// <summary>
/// The admin console's page frame and small HTML helpers: every value is HTML-encoded, every form carries the
/// anti-forgery token, and pages that show live figures reload themselves (a meta refresh: no JavaScript needed).
/// </summary>
internal static class AdminHtml
{
    /// <summary>The sections of the console, in the navigation's order: path and label.</summary>
    public static readonly IReadOnlyList<(string Path, string Label)> Sections =
    [
        ("/admin", "Overview"),
        ("/admin/apps", "Applications"),
        ("/admin/caches", "Caches"),
        ("/admin/silos", "Silos"),
        ("/admin/config", "Configuration"),
        ("/admin/locks", "Locks"),
        ("/admin/sessions", "Sessions"),
        ("/admin/users", "Users"),
    ];

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>Encodes text for HTML.</summary>
    public static string E(string? text) => Html.Encode(text ?? string.Empty);

    /// <summary>A whole console page; <paramref name="refreshSeconds"/> &gt; 0 reloads it that often.</summary>
    public static string Page(string title, string activePath, string body, AdminForm form, int refreshSeconds = 0, string? notice = null, string? error = null)
    {
        var html = new StringBuilder(8192);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (refreshSeconds > 0)
        {
            html.Append("<meta http-equiv=\"refresh\" content=\"").Append(refreshSeconds.ToString(CultureInfo.InvariantCulture)).Append("\">");
        }

        html.Append("<title>").Append(E(title)).Append(" · OrleansPlatform admin</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:0;color:#1d2330;background:#f7f8fb}")
            .Append("header{background:#1d3557;color:#fff;padding:.5rem 1.2rem;display:flex;gap:1.2rem;align-items:center;flex-wrap:wrap}")
            .Append("header a{color:#dfe7f5;text-decoration:none}header a.active{color:#fff;font-weight:700;border-bottom:2px solid #e9c46a}")
            .Append("header .brand{font-weight:700;color:#fff;margin-right:.6rem}header form{margin:0 0 0 auto}")
            .Append("main{padding:1rem 1.2rem;max-width:78rem}h1{margin:.4rem 0 1rem}h2{margin:1.4rem 0 .5rem;font-size:1.15rem}")
            .Append("table{border-collapse:collapse;margin:.5rem 0;background:#fff}td,th{border:1px solid #d5d9e3;padding:.3rem .55rem;text-align:left;vertical-align:top}")
            .Append("th{background:#eef1f7}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}")
            .Append("form.inline{display:inline-block;margin:.1rem .3rem .1rem 0}button{padding:.25rem .7rem;cursor:pointer}")
            .Append("input[type=text],input[type=password]{padding:.3rem;min-width:10rem}")
            .Append(".state-enabled{color:#1b7a3a;font-weight:600}.state-draining{color:#a86500;font-weight:600}.state-disabled{color:#a4161a;font-weight:600}")
            .Append(".drift{color:#a4161a;font-weight:600}.ok{color:#1b7a3a}.muted{color:#6b7280}")
            .Append(".notice{background:#e6f4ea;border:1px solid #9bd3ae;padding:.5rem .8rem}.error{background:#fdecea;border:1px solid #f3a5a0;padding:.5rem .8rem;color:#a4161a;font-weight:600}")
            .Append(".cards{display:flex;gap:1rem;flex-wrap:wrap}.card{background:#fff;border:1px solid #d5d9e3;padding:.6rem 1rem;min-width:9rem}.card b{display:block;font-size:1.6rem}")
            .Append("svg{background:#fff;border:1px solid #d5d9e3;margin:.4rem 1rem .4rem 0}</style></head><body><header><span class=\"brand\">OrleansPlatform admin</span>");
        foreach (var (path, label) in Sections)
        {
            html.Append("<a href=\"").Append(path).Append('"').Append(path == activePath ? " class=\"active\" aria-current=\"page\"" : string.Empty).Append('>').Append(E(label)).Append("</a>");
        }

        html.Append("<a href=\"/dashboard/\">Orleans Dashboard</a>")
            .Append("<form method=\"post\" action=\"/admin/sign-out\">").Append(form.Field()).Append("<button type=\"submit\">Sign out</button></form></header><main>")
            .Append("<h1>").Append(E(title)).Append("</h1>");
        if (notice is not null)
        {
            html.Append("<p class=\"notice\" role=\"status\">").Append(E(notice)).Append("</p>");
        }

        if (error is not null)
        {
            html.Append("<p class=\"error\" role=\"alert\">").Append(E(error)).Append("</p>");
        }

        html.Append(body).Append("</main></body></html>");
        return html.ToString();
    }

    /// <summary>A POST form of one button (plus hidden fields) to <paramref name="action"/>.</summary>
    public static string Button(AdminForm form, string action, string label, params (string Name, string Value)[] fields)
    {
        var html = new StringBuilder("<form class=\"inline\" method=\"post\" action=\"").Append(E(action)).Append("\">").Append(form.Field());
        foreach (var (name, value) in fields)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(E(name)).Append("\" value=\"").Append(E(value)).Append("\">");
        }

        return html.Append("<button type=\"submit\">").Append(E(label)).Append("</button></form>").ToString();
    }

    /// <summary>A number for a table cell.</summary>
    public static string Num(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A byte count in MiB.</summary>
    public static string Mebibytes(long? bytes) => bytes is { } b ? (b / 1024d / 1024d).ToString("N1", CultureInfo.InvariantCulture) + " MiB" : "–";

    /// <summary>A duration such as "3 h 12 min".</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s)
        {
            return "–";
        }

        var span = TimeSpan.FromSeconds(s);
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min"
            : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min {span.Seconds} s"
            : $"{span.Seconds} s";
    }

    /// <summary>A UTC time for a table cell.</summary>
    public static string Time(DateTimeOffset? at) => at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "–";
}
