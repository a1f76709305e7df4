using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Views;

namespace OrleansPlatform.Gateway.Pages;

/// <summary>
/// Renders step views as plain HTML that works without JavaScript. Every value is HTML-encoded. Data renders
/// generically (scalars as a definition list, arrays of objects as a table); an action with a hidden input renders
/// once per item row with the row's id in that input (how "add this product" works); other actions render as one form
/// each, with their visible inputs.
/// </summary>
public static class HtmlRenderer
{
    private static readonly HtmlEncoder s_html = HtmlEncoder.Default;

    /// <summary>A whole page around <paramref name="body"/>.</summary>
    public static string Page(string title, string body)
    {
        var html = new StringBuilder(4096);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(s_html.Encode(title)).Append(" · OrleansPlatform</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:0;color:#1d2330}header{background:#1d3557;color:#fff;padding:.6rem 1.2rem}")
            .Append("header a{color:#fff;text-decoration:none;font-weight:600}main{padding:1rem 1.2rem;max-width:60rem}")
            .Append("table{border-collapse:collapse;margin:.8rem 0}td,th{border:1px solid #ccd;padding:.3rem .6rem;text-align:left}")
            .Append("form{display:inline-block;margin:.3rem .6rem .3rem 0}button{padding:.35rem .9rem}.error{color:#a4161a;font-weight:600}")
            .Append("dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}</style></head><body>")
            .Append("<header><a href=\"/\">OrleansPlatform</a></header><main>")
            .Append(body)
            .Append("</main></body></html>");
        return html.ToString();
    }

    /// <summary>The body of a step view: title, optional error, data, and a form per action.</summary>
    public static string View(string applicationId, SessionReply reply, string antiforgeryField, string antiforgeryToken, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var view = reply.View;
        var html = new StringBuilder(4096);
        html.Append("<h1 id=\"step-title\" data-step=\"").Append(Attr(view.Step)).Append("\">").Append(s_html.Encode(view.Title)).Append("</h1>");
        if (error is not null)
        {
            html.Append("<p class=\"error\" role=\"alert\">").Append(s_html.Encode(error)).Append("</p>");
        }

        var rowActions = view.Actions.Where(a => a.Inputs.Any(i => i.Type == "hidden")).ToList();
        var formActions = view.Actions.Except(rowActions).ToList();
        var form = new FormContext(applicationId, reply.Seq + 1, antiforgeryField, antiforgeryToken);
        if (view.Data.ValueKind == JsonValueKind.Object)
        {
            RenderObject(html, view.Data, rowActions, form);
        }

        html.Append("<nav class=\"actions\">");
        foreach (var action in formActions)
        {
            RenderForm(html, action, form, hiddenValue: null);
        }

        html.Append("</nav>");
        return html.ToString();
    }

    /// <summary>Human label of an action or field name: "next" becomes "Next", "productId" becomes "Product id".</summary>
    public static string Label(string name)
    {
        var words = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c is '-' or '_' ? ' ' : c);
            }
        }

        return words.Length == 0 ? name : char.ToUpperInvariant(words[0]) + words.ToString(1, words.Length - 1);
    }

    private static void RenderObject(StringBuilder html, JsonElement data, List<ViewAction> rowActions, FormContext form)
    {
        var scalars = data.EnumerateObject().Where(p => p.Value.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object)).ToList();
        if (scalars.Count > 0)
        {
            html.Append("<dl class=\"data\">");
            foreach (var property in scalars)
            {
                html.Append("<dt>").Append(s_html.Encode(Label(property.Name))).Append("</dt><dd data-field=\"").Append(Attr(property.Name)).Append("\">")
                    .Append(s_html.Encode(Scalar(property.Value))).Append("</dd>");
            }

            html.Append("</dl>");
        }

        foreach (var property in data.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                RenderTable(html, property.Name, property.Value, rowActions, form);
            }
            else if (property.Value.ValueKind == JsonValueKind.Object)
            {
                html.Append("<section data-field=\"").Append(Attr(property.Name)).Append("\"><h2>").Append(s_html.Encode(Label(property.Name))).Append("</h2>");
                RenderObject(html, property.Value, rowActions, form);
                html.Append("</section>");
            }
        }
    }

    private static void RenderTable(StringBuilder html, string name, JsonElement items, List<ViewAction> rowActions, FormContext form)
    {
        var rows = items.EnumerateArray().ToList();
        if (rows.Count == 0)
        {
            html.Append("<p class=\"empty\" data-field=\"").Append(Attr(name)).Append("\">No ").Append(s_html.Encode(Label(name).ToLowerInvariant())).Append(".</p>");
            return;
        }

        var columns = rows.Where(r => r.ValueKind == JsonValueKind.Object).SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Distinct().ToList();
        html.Append("<table class=\"").Append(Attr(name)).Append("\"><thead><tr>");
        foreach (var column in columns)
        {
            html.Append("<th>").Append(s_html.Encode(Label(column))).Append("</th>");
        }

        html.Append(rowActions.Count > 0 ? "<th></th>" : string.Empty).Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            var id = row.ValueKind == JsonValueKind.Object && row.TryGetProperty("id", out var idValue) ? Scalar(idValue) : null;
            html.Append("<tr").Append(id is null ? string.Empty : $" data-id=\"{Attr(id)}\"").Append('>');
            foreach (var column in columns)
            {
                var cell = row.ValueKind == JsonValueKind.Object && row.TryGetProperty(column, out var value) ? Scalar(value) : string.Empty;
                html.Append("<td data-column=\"").Append(Attr(column)).Append("\">").Append(s_html.Encode(cell)).Append("</td>");
            }

            if (rowActions.Count > 0)
            {
                html.Append("<td>");
                foreach (var action in rowActions)
                {
                    RenderForm(html, action, form, hiddenValue: id);
                }

                html.Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void RenderForm(StringBuilder html, ViewAction action, FormContext form, string? hiddenValue)
    {
        html.Append("<form method=\"post\" action=\"/apps/").Append(Attr(form.ApplicationId)).Append("\" data-action=\"").Append(Attr(action.Name)).Append("\">")
            .Append("<input type=\"hidden\" name=\"").Append(Attr(form.AntiforgeryField)).Append("\" value=\"").Append(Attr(form.AntiforgeryToken)).Append("\">")
            .Append("<input type=\"hidden\" name=\"_action\" value=\"").Append(Attr(action.Name)).Append("\">")
            .Append("<input type=\"hidden\" name=\"_seq\" value=\"").Append(form.NextSeq.ToString(CultureInfo.InvariantCulture)).Append("\">");
        foreach (var input in action.Inputs)
        {
            if (input.Type == "hidden")
            {
                html.Append("<input type=\"hidden\" name=\"").Append(Attr(input.Name)).Append("\" value=\"").Append(Attr(hiddenValue ?? string.Empty)).Append("\">");
                continue;
            }

            html.Append("<label>").Append(s_html.Encode(input.Label ?? Label(input.Name))).Append(' ')
                .Append("<input name=\"").Append(Attr(input.Name)).Append("\" type=\"").Append(input.Type == "number" ? "number" : "text").Append('"')
                .Append(input.Type == "number" ? " min=\"1\" step=\"1\"" : string.Empty)
                .Append(input.Required ? " required" : string.Empty).Append("></label> ");
        }

        html.Append("<button type=\"submit\">").Append(s_html.Encode(Label(action.Name))).Append("</button></form>");
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        _ => value.GetRawText(),
    };

    private static string Attr(string value) => s_html.Encode(value);

    private sealed record FormContext(string ApplicationId, long NextSeq, string AntiforgeryField, string AntiforgeryToken);
}
