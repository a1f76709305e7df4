using System.Text.Json;
using OrleansPlatform.Gateway.Pages;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Views;

namespace OrleansPlatform.Gateway.Tests.Pages;

/// <summary>The renderer writes a field's HTML from its declaration only, and a refused form back as it was typed.</summary>
public sealed class HtmlRendererTests
{
    [Fact]
    public void A_number_field_gets_bounds_only_when_it_declares_them()
    {
        var html = Render(new ViewAction("go", [new ViewInput("count", "number", true, "Count"), new ViewInput("days", "number", false, "Days") { Min = 1, Max = 30, Help = "Working days." }]));

        Assert.Contains("<input type=\"number\" id=\"f-go-count\" name=\"count\" required inputmode=\"numeric\" step=\"1\">", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"number\" id=\"f-go-days\" name=\"days\" aria-describedby=\"f-go-days-help\" inputmode=\"numeric\" step=\"1\" min=\"1\" max=\"30\">", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"f-go-days\">Days</label>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"help\" id=\"f-go-days-help\">Working days.</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_choice_value_label_and_disabled_state_come_from_the_view()
    {
        var html = Render(
            new ViewAction("send", [new ViewInput("code", "text", true, "Code") { Pattern = "[A-Z]{2}", MaxLength = 2, Value = "AB" }, new ViewInput("kind", "choice", true, "Kind") { Choices = [new ViewChoice("a", "Annual"), new ViewChoice("s", "Sick")], Value = "s" }]) { Label = "Send it" },
            new ViewAction("prev", []) { Label = "Previous", Disabled = true });

        Assert.Contains("maxlength=\"2\" pattern=\"[A-Z]{2}\" value=\"AB\">", html, StringComparison.Ordinal);
        Assert.Contains("<select id=\"f-send-kind\" name=\"kind\" required><option value=\"a\">Annual</option><option value=\"s\" selected>Sick</option></select>", html, StringComparison.Ordinal);
        Assert.Contains(">Send it</button>", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\" class=\"secondary\" disabled aria-disabled=\"true\">Previous</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_form_comes_back_as_typed_with_the_error_next_to_its_field()
    {
        var errors = new FormErrors("go", new Dictionary<string, string?> { ["count"] = "<0>" }, new Dictionary<string, string> { ["count"] = "Count must be at least 1 (got 0)." }, "Input 'count' …");

        var html = Render(errors, new ViewAction("go", [new ViewInput("count", "text", true, "Count") { Value = "5" }]));

        Assert.Contains("<div class=\"field invalid\" data-input=\"count\">", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"f-go-count-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"&lt;0&gt;\">", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"field-error\" id=\"f-go-count-error\">Count must be at least 1 (got 0).</p>", html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_paged_list_says_page_x_of_y_money_is_formatted_and_hidden_and_null_data_is_left_out()
    {
        var data = JsonSerializer.SerializeToElement(new { keyword = (string?)null, message = "", page = 2, pageSize = 5, total = 398, items = new[] { new { id = 7, name = "Router", price = 123456 } } });
        var view = new SessionView("app", "results", "Results", data, [])
        {
            Formats = new Dictionary<string, string> { ["id"] = ViewFormats.Hidden, ["price"] = ViewFormats.Money("EUR") },
            Notice = "Found some.",
        };

        var html = HtmlRenderer.View("app", new SessionReply("s", SessionStatus.Active, 3, view), "__af", "token");

        Assert.Contains(">Page 2 of 80 · 398 results</p>", html, StringComparison.Ordinal);
        Assert.Contains(">€1,234.56</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-column=\"id\"", html, StringComparison.Ordinal);
        Assert.Contains("<tr data-id=\"7\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<dt>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"notice\" role=\"status\" id=\"notice\">Found some.</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Money_is_formatted_the_same_everywhere()
    {
        Assert.Equal("€0.05", ViewFormats.FormatMoney(5, "EUR"));
        Assert.Equal("-$12.00", ViewFormats.FormatMoney(-1200, "USD"));
        Assert.Equal("CHF 1,000,000.99", ViewFormats.FormatMoney(100_000_099, "CHF"));
    }

    private static string Render(params ViewAction[] actions) => Render(null, actions);

    private static string Render(FormErrors? errors, params ViewAction[] actions)
    {
        var view = new SessionView("app", "step", "Title", JsonSerializer.SerializeToElement(new { }), actions);
        return HtmlRenderer.View("app", new SessionReply("s", SessionStatus.Active, 0, view), "__af", "token", errors);
    }
}
