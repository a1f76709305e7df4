using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.Json;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.Views;

namespace OrleansPlatform.Gateway.Pages;

/// <summary>
/// Renders step views as HTML that works without JavaScript, styled by the one stylesheet (<see cref="PageAssets"/>).
/// Every value is HTML-encoded. Data renders generically: scalars as a definition list (null and empty ones left out),
/// arrays of objects as tables, an object with <c>page</c>, <c>pageSize</c>, <c>total</c> and <c>items</c> as a paged
/// list ("Page 2 of 80"), other objects as sections; the view's formats show money and hide properties. An action
/// bound to a table's rows renders once per row (its hidden input takes the row's <c>id</c>); other actions render as
/// one form each, with their fields as their <c>InputField</c>s declare them (label, help, required, bounds, pattern,
/// select, value) and, after a refused post, what was typed and each field's error next to it.
/// </summary>
public static class HtmlRenderer
{
    // Everything outside ASCII is written as is (the pages are UTF-8): "€12.99", not "&#x20AC;12.99"; markup characters are always encoded.
    private static readonly HtmlEncoder s_html = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly string[] s_pagedKeys = ["page", "pageSize", "total", "items"];

    /// <summary>A whole page around <paramref name="body"/>.</summary>
    public static string Page(string title, string body)
    {
        var html = new StringBuilder(body.Length + 1024);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(s_html.Encode(title)).Append(" · OrleansPlatform</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(Attr(PageAssets.StylesheetUrl)).Append("\">")
            .Append("<link rel=\"icon\" type=\"image/svg+xml\" href=\"").Append(Attr(PageAssets.IconUrl)).Append("\">")
            .Append("</head><body><header class=\"top\"><div class=\"top-inner\"><a class=\"brand\" href=\"/\">")
            .Append("<img src=\"").Append(Attr(PageAssets.IconUrl)).Append("\" alt=\"\" width=\"28\" height=\"28\">")
            .Append("OrleansPlatform</a></div></header><main class=\"page\">")
            .Append(body)
            .Append("</main></body></html>");
        return html.ToString();
    }

    /// <summary>The body of a step view: title, notice, error summary, data, and a form per action.</summary>
    public static string View(string applicationId, SessionReply reply, string antiforgeryField, string antiforgeryToken, FormErrors? errors = null)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var view = reply.View;
        var html = new StringBuilder(8192);
        html.Append("<h1 id=\"step-title\" data-step=\"").Append(Attr(view.Step)).Append("\">").Append(s_html.Encode(view.Title)).Append("</h1>");
        if (!string.IsNullOrWhiteSpace(view.Notice))
        {
            html.Append("<p class=\"notice\" role=\"status\" id=\"notice\">").Append(s_html.Encode(view.Notice)).Append("</p>");
        }

        if (errors is not null)
        {
            var text = errors.Fields.Count > 0 ? (errors.Fields.Count == 1 ? "Please correct the field marked below." : "Please correct the fields marked below.") : errors.Message;
            html.Append("<p class=\"error-summary\" role=\"alert\" id=\"error-summary\">").Append(s_html.Encode(text)).Append("</p>");
        }

        var context = new RenderContext(applicationId, reply.Seq + 1, antiforgeryField, antiforgeryToken, view.Formats ?? new Dictionary<string, string>(), errors, view.Actions);
        var rowActions = view.Actions.Where(IsRowAction).ToList();
        if (view.Data.ValueKind == JsonValueKind.Object)
        {
            html.Append("<div class=\"card view-data\">");
            var before = html.Length;
            RenderObject(html, view.Data, context);
            if (html.Length == before)
            {
                html.Length = before - "<div class=\"card view-data\">".Length;
            }
            else
            {
                html.Append("</div>");
            }
        }

        html.Append("<div class=\"actions\">");
        foreach (var action in view.Actions.Except(rowActions))
        {
            RenderForm(html, action, context, row: null);
        }

        html.Append("</div>");
        return html.ToString();
    }

    /// <summary>Human label of an action or field name: "next" becomes "Next", "productId" becomes "Product id".</summary>
    public static string Label(string name) => FieldNames.Humanize(name);

    private static bool IsRowAction(ViewAction action) => action.Rows is not null || action.Inputs.Any(i => i.Type == "hidden");

    private static void RenderObject(StringBuilder html, JsonElement data, RenderContext context, bool paged = false)
    {
        if (!paged && IsPaged(data))
        {
            RenderPaged(html, data, context);
            return;
        }

        var scalars = data.EnumerateObject()
            .Where(p => p.Value.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
            .Where(p => !(p.Value.ValueKind == JsonValueKind.String && string.IsNullOrEmpty(p.Value.GetString())))
            .Where(p => !context.IsHidden(p.Name) && !(paged && s_pagedKeys.Contains(p.Name)))
            .ToList();
        if (scalars.Count > 0)
        {
            html.Append("<dl class=\"data\">");
            foreach (var property in scalars)
            {
                html.Append("<dt>").Append(s_html.Encode(Label(property.Name))).Append("</dt><dd data-field=\"").Append(Attr(property.Name)).Append('"')
                    .Append(context.Formats.TryGetValue(property.Name, out var format) && format == ViewFormats.Prose ? " class=\"prose\">" : ">")
                    .Append(s_html.Encode(context.Text(property.Name, property.Value))).Append("</dd>");
            }

            html.Append("</dl>");
        }

        foreach (var property in data.EnumerateObject().Where(p => !context.IsHidden(p.Name)))
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                RenderTable(html, property.Name, property.Value, context);
            }
            else if (property.Value.ValueKind == JsonValueKind.Object && IsPaged(property.Value))
            {
                html.Append("<section class=\"paged\" data-field=\"").Append(Attr(property.Name)).Append("\">");
                RenderPaged(html, property.Value, context);
                html.Append("</section>");
            }
            else if (property.Value.ValueKind == JsonValueKind.Object && property.Value.EnumerateObject().Any())
            {
                html.Append("<section data-field=\"").Append(Attr(property.Name)).Append("\"><h2>").Append(s_html.Encode(Label(property.Name))).Append("</h2>");
                RenderObject(html, property.Value, context);
                html.Append("</section>");
            }
        }
    }

    private static void RenderPaged(StringBuilder html, JsonElement data, RenderContext context)
    {
        if (PagerStatus(data) is { } status)
        {
            html.Append(status);
        }

        RenderObject(html, data, context, paged: true);
    }

    private static bool IsPaged(JsonElement data) => s_pagedKeys.All(k => data.TryGetProperty(k, out _));

    // "Page 2 of 80 · 400 results"; nothing before the first search (page 0).
    private static string? PagerStatus(JsonElement data)
    {
        if (!data.GetProperty("page").TryGetInt64(out var page) || !data.GetProperty("pageSize").TryGetInt64(out var size)
            || !data.GetProperty("total").TryGetInt64(out var total) || page < 1 || size < 1)
        {
            return null;
        }

        var pages = Math.Max(1, (total + size - 1) / size);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"<p class=\"pager-status\" id=\"pager-status\" data-page=\"{page}\" data-pages=\"{pages}\">Page {page} of {pages} · {total} {(total == 1 ? "result" : "results")}</p>");
    }

    private static void RenderTable(StringBuilder html, string name, JsonElement items, RenderContext context)
    {
        var rows = items.EnumerateArray().ToList();
        if (rows.Count == 0)
        {
            html.Append("<p class=\"empty\" data-field=\"").Append(Attr(name)).Append("\">No ").Append(s_html.Encode(Label(name).ToLowerInvariant())).Append(".</p>");
            return;
        }

        var actions = context.Actions.Where(a => IsRowAction(a) && (a.Rows is null || a.Rows == name)).ToList();
        var columns = rows.Where(r => r.ValueKind == JsonValueKind.Object).SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Distinct().Where(c => !context.IsHidden(c)).ToList();
        html.Append("<div class=\"table-wrap\"><table class=\"").Append(Attr(name)).Append("\" data-field=\"").Append(Attr(name)).Append("\"><thead><tr>");
        foreach (var column in columns)
        {
            html.Append("<th scope=\"col\"").Append(context.IsMoney(column) ? " class=\"money\"" : string.Empty).Append('>').Append(s_html.Encode(Label(column))).Append("</th>");
        }

        html.Append(actions.Count > 0 ? "<th scope=\"col\"><span class=\"visually-hidden\">Actions</span></th>" : string.Empty).Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            var id = row.ValueKind == JsonValueKind.Object && row.TryGetProperty("id", out var idValue) ? Scalar(idValue) : null;
            html.Append("<tr").Append(id is null ? string.Empty : $" data-id=\"{Attr(id)}\"").Append('>');
            foreach (var column in columns)
            {
                var cell = row.ValueKind == JsonValueKind.Object && row.TryGetProperty(column, out var value) ? context.Text(column, value) : string.Empty;
                html.Append("<td data-column=\"").Append(Attr(column)).Append("\" data-label=\"").Append(Attr(Label(column))).Append('"')
                    .Append(context.IsMoney(column) ? " class=\"money\"" : string.Empty).Append('>').Append(s_html.Encode(cell)).Append("</td>");
            }

            if (actions.Count > 0)
            {
                html.Append("<td class=\"row-actions\">");
                foreach (var action in actions)
                {
                    RenderForm(html, action, context, new Row(id ?? string.Empty, row));
                }

                html.Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></div>");
    }

    private static void RenderForm(StringBuilder html, ViewAction action, RenderContext context, Row? row)
    {
        var visible = action.Inputs.Where(i => i.Type != "hidden").ToList();
        var hidden = action.Inputs.Where(i => i.Type == "hidden").ToList();

        // The refused form is this one when its action matches and, for a row's form, its hidden input names this row.
        var refused = context.Errors is { } errors && errors.Action == action.Name
            && (row is null || hidden.All(h => errors.Typed.TryGetValue(h.Name, out var typed) && typed == row.Id))
            ? errors : null;
        var key = row is null ? action.Name : $"{action.Name}-{row.Id}";
        html.Append("<form method=\"post\" action=\"/apps/").Append(Attr(context.ApplicationId)).Append("\" class=\"action").Append(visible.Count > 0 ? " with-fields" : string.Empty)
            .Append("\" data-action=\"").Append(Attr(action.Name)).Append('"').Append(refused is null ? string.Empty : " data-refused=\"true\"").Append('>')
            .Append("<input type=\"hidden\" name=\"").Append(Attr(context.AntiforgeryField)).Append("\" value=\"").Append(Attr(context.AntiforgeryToken)).Append("\">")
            .Append("<input type=\"hidden\" name=\"_action\" value=\"").Append(Attr(action.Name)).Append("\">")
            .Append("<input type=\"hidden\" name=\"_seq\" value=\"").Append(context.NextSeq.ToString(CultureInfo.InvariantCulture)).Append("\">");
        foreach (var input in hidden)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(Attr(input.Name)).Append("\" value=\"").Append(Attr(row?.Id ?? input.Value ?? string.Empty)).Append("\">");
        }

        foreach (var input in visible)
        {
            var value = refused is not null && refused.Typed.TryGetValue(input.Name, out var typed) ? typed
                : row is not null && row.Data.ValueKind == JsonValueKind.Object && row.Data.TryGetProperty(input.Name, out var cell) ? Scalar(cell)
                : input.Value;
            var error = refused is not null && refused.Fields.TryGetValue(input.Name, out var message) ? message : null;
            RenderField(html, input, $"f-{key}-{input.Name}", value, error);
        }

        html.Append("<button type=\"submit\"").Append(action.Primary || visible.Count > 0 ? string.Empty : " class=\"secondary\"").Append(action.Disabled ? " disabled aria-disabled=\"true\"" : string.Empty).Append('>')
            .Append(s_html.Encode(action.Label ?? Label(action.Name))).Append("</button></form>");
    }

    private static void RenderField(StringBuilder html, ViewInput input, string id, string? value, string? error)
    {
        var label = input.Label ?? Label(input.Name);
        html.Append("<div class=\"field").Append(error is null ? string.Empty : " invalid").Append("\" data-input=\"").Append(Attr(input.Name)).Append("\">")
            .Append("<label for=\"").Append(Attr(id)).Append("\">").Append(s_html.Encode(label)).Append("</label>");
        var described = new List<string>();
        if (input.Help is not null)
        {
            described.Add(id + "-help");
        }

        if (error is not null)
        {
            described.Add(id + "-error");
        }

        var common = new StringBuilder();
        common.Append(" id=\"").Append(Attr(id)).Append("\" name=\"").Append(Attr(input.Name)).Append('"')
            .Append(input.Required ? " required" : string.Empty)
            .Append(error is null ? string.Empty : " aria-invalid=\"true\"")
            .Append(described.Count == 0 ? string.Empty : $" aria-describedby=\"{Attr(string.Join(' ', described))}\"");
        if (input.Type == "choice" && input.Choices is { } choices)
        {
            html.Append("<select").Append(common).Append('>');
            if (!input.Required || string.IsNullOrEmpty(value))
            {
                html.Append("<option value=\"\">").Append(input.Required ? "Choose…" : "—").Append("</option>");
            }

            foreach (var choice in choices)
            {
                html.Append("<option value=\"").Append(Attr(choice.Value)).Append('"').Append(choice.Value == value ? " selected" : string.Empty).Append('>')
                    .Append(s_html.Encode(choice.Label)).Append("</option>");
            }

            html.Append("</select>");
        }
        else
        {
            var number = input.Type == "number";
            html.Append("<input type=\"").Append(number ? "number" : "text").Append('"').Append(common);
            if (number)
            {
                html.Append(" inputmode=\"numeric\" step=\"1\"");
                Numeric(html, "min", input.Min);
                Numeric(html, "max", input.Max);
            }
            else
            {
                if (input.MaxLength > 0)
                {
                    html.Append(" maxlength=\"").Append(input.MaxLength.ToString(CultureInfo.InvariantCulture)).Append('"');
                }

                if (input.Pattern is not null)
                {
                    html.Append(" pattern=\"").Append(Attr(input.Pattern)).Append('"');
                }
            }

            html.Append(value is null ? string.Empty : $" value=\"{Attr(value)}\"").Append('>');
        }

        if (input.Help is not null)
        {
            html.Append("<p class=\"help\" id=\"").Append(Attr(id)).Append("-help\">").Append(s_html.Encode(input.Help)).Append("</p>");
        }

        if (error is not null)
        {
            html.Append("<p class=\"field-error\" id=\"").Append(Attr(id)).Append("-error\">").Append(s_html.Encode(error)).Append("</p>");
        }

        html.Append("</div>");
    }

    private static void Numeric(StringBuilder html, string attribute, long? value)
    {
        if (value is { } bound)
        {
            html.Append(' ').Append(attribute).Append("=\"").Append(bound.ToString(CultureInfo.InvariantCulture)).Append('"');
        }
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        JsonValueKind.True => "Yes",
        JsonValueKind.False => "No",
        _ => value.GetRawText(),
    };

    private static string Attr(string value) => s_html.Encode(value);

    private sealed record Row(string Id, JsonElement Data);

    private sealed record RenderContext(
        string ApplicationId,
        long NextSeq,
        string AntiforgeryField,
        string AntiforgeryToken,
        IReadOnlyDictionary<string, string> Formats,
        FormErrors? Errors,
        IReadOnlyList<ViewAction> Actions)
    {
        public bool IsHidden(string name) => Formats.TryGetValue(name, out var format) && format == ViewFormats.Hidden;

        public bool IsMoney(string name) => Formats.TryGetValue(name, out var format) && format.StartsWith(ViewFormats.MoneyPrefix, StringComparison.Ordinal);

        public string Text(string name, JsonElement value) =>
            IsMoney(name) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var minor) ? ViewFormats.FormatMoney(minor, Formats[name][ViewFormats.MoneyPrefix.Length..]) : Scalar(value);
    }
}
