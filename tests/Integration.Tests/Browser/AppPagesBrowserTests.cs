using OrleansPlatform.Integration.Tests.Infrastructure;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OrleansPlatform.Integration.Tests.Gateway;
using OrleansPlatform.Testing;
using Xunit.Abstractions;

namespace OrleansPlatform.Integration.Tests.Browser;

/// <summary>
/// The application pages in a real headless Chromium against a real Gateway (embedded silo, SQLite): the home page's
/// cards, catalog-search (labels, help, no empty data labels, a re-prompt that keeps the keyword, "Page X of Y",
/// Previous disabled on page 1, prices in euros, a product's details) and order-entry (a refused quantity shown next to
/// its field with the value kept, cart lines changed and removed, the order summary), the favicon and the stylesheet.
/// Every page is checked for horizontal overflow at 390 px and saved as a screenshot at 1280 px and 390 px under
/// <c>artifacts/pages</c> (the path is logged).
/// </summary>
public sealed partial class AppPagesBrowserTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    private const string Chromium = "/usr/bin/chromium";
    private const int Phone = 390;
    private const int Desktop = 1280;

    [Fact]
    public async Task The_pages_show_fields_errors_pager_prices_cart_and_summary_and_fit_a_phone()
    {
        Assert.True(File.Exists(Chromium), "Debian's chromium is required at /usr/bin/chromium (./test.sh installs it).");
        var artifacts = Path.Combine(RepoPaths.Root, "artifacts", "pages");
        Directory.CreateDirectory(artifacts);
        output.WriteLine($"Screenshots: {artifacts}");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = Desktop, Height = 900 } });
        page.SetDefaultTimeout(30_000);
        var snap = new Snapshots(page, artifacts);

        // Home: a card per application with its title and description; the icon and the stylesheet are linked and served.
        await page.GotoAsync(fixture.Gateway.BaseAddress.ToString());
        Assert.Equal("Catalog search", await page.Locator("li.app[data-app=catalog-search] .app-title").InnerTextAsync());
        Assert.StartsWith("Search the product catalog", await page.Locator("li.app[data-app=catalog-search] .description").InnerTextAsync(), StringComparison.Ordinal);
        Assert.StartsWith("Browse products", await page.Locator("li.app[data-app=order-entry] .description").InnerTextAsync(), StringComparison.Ordinal);
        await AssertServedAsync(page, "link[rel=icon]", "image/svg+xml");
        await AssertServedAsync(page, "link[rel=stylesheet]", "text/css");
        Assert.Equal("rgb(244, 246, 251)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        await snap.TakeAsync("home");

        // Catalog search, first page: a labelled field with help, and no data labels at all (no empty "Keyword"/"Message").
        await PageNavigation.SubmitAsync(page, page.Locator("li.app[data-app=catalog-search] a"));
        Assert.Equal(0, await page.Locator("dl.data dt").CountAsync());
        var keyword = page.GetByLabel("Keyword", new() { Exact = true });
        Assert.Equal("text", await keyword.GetAttributeAsync("type"));
        Assert.NotNull(await keyword.GetAttributeAsync("required"));
        Assert.Contains("for example router", await page.Locator(".field .help").InnerTextAsync(), StringComparison.Ordinal);
        await snap.TakeAsync("catalog-search-search");

        // A search without match comes back with the keyword typed and a notice, not a "Message" field.
        await keyword.FillAsync("zz-no-such-product");
        await PageNavigation.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }));
        Assert.Equal("search", await page.Locator("#step-title").GetAttributeAsync("data-step"));
        Assert.Equal("zz-no-such-product", await page.GetByLabel("Keyword", new() { Exact = true }).InputValueAsync());
        Assert.Contains("No products match 'zz-no-such-product'", await page.Locator("#notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("dl.data dt").CountAsync());
        await snap.TakeAsync("catalog-search-no-match");

        // Results: "Page 1 of N", Previous disabled, Next enabled, prices in euros, the id column not shown.
        await page.GetByLabel("Keyword", new() { Exact = true }).FillAsync("router");
        await PageNavigation.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }));
        var status = await page.Locator("#pager-status").InnerTextAsync();
        var match = PagerText().Match(status);
        Assert.True(match.Success, $"pager says '{status}'");
        var (total, pages) = (long.Parse(match.Groups["total"].Value, System.Globalization.CultureInfo.InvariantCulture), long.Parse(match.Groups["pages"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("1", match.Groups["page"].Value);
        Assert.Equal((total + 4) / 5, pages);
        Assert.True(pages >= 8, $"only {pages} pages of routers");
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Previous", Exact = true }).IsDisabledAsync());
        Assert.False(await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).IsDisabledAsync());
        var prices = await page.Locator("table.items td[data-column=price]").AllInnerTextsAsync();
        Assert.Equal(5, prices.Count);
        Assert.All(prices, p => Assert.Matches(Euros(), p));
        Assert.Equal(0, await page.Locator("table.items td[data-column=id]").CountAsync());
        Assert.Equal("router", await page.GetByLabel("New keyword", new() { Exact = true }).InputValueAsync());
        await snap.TakeAsync("catalog-search-page1");

        await PageNavigation.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }));
        Assert.StartsWith($"Page 2 of {pages}", await page.Locator("#pager-status").InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(await page.GetByRole(AriaRole.Button, new() { Name = "Previous", Exact = true }).IsDisabledAsync());
        await snap.TakeAsync("catalog-search-page2");

        // A product's details, and back to the same page.
        var firstRow = page.Locator("table.items tbody tr").First;
        var name = await firstRow.Locator("td[data-column=name]").InnerTextAsync();
        var price = await firstRow.Locator("td[data-column=price]").InnerTextAsync();
        await PageNavigation.SubmitAsync(page, firstRow.GetByRole(AriaRole.Button, new() { Name = "Details" }));
        Assert.Equal("Product details", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(name, await page.Locator("dd[data-field=name]").InnerTextAsync());
        Assert.Equal(price, await page.Locator("dd[data-field=price]").InnerTextAsync());
        Assert.True((await page.Locator("dd[data-field=description]").InnerTextAsync()).Length > 100);
        Assert.True(await page.Locator("section[data-field=attributes] dt").CountAsync() >= 3);
        await snap.TakeAsync("catalog-search-product");
        await PageNavigation.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Back to results" }));
        Assert.StartsWith($"Page 2 of {pages}", await page.Locator("#pager-status").InnerTextAsync(), StringComparison.Ordinal);

        // Order entry: the quantity field's bounds come from its declaration (min 1, max 1000; no min on the cart's 0..).
        // It needs a signed-in user: the browser is sent to the sign-in page, and back to order-entry once signed in.
        var buyer = await TestUsers.AddAsync(fixture.Database);
        await page.GotoAsync(fixture.Gateway.BaseAddress + "apps/order-entry");
        Assert.Equal("/sign-in", new Uri(page.Url).AbsolutePath);
        Assert.Equal("Sign in", await page.Locator("h1").InnerTextAsync());
        await page.GetByLabel("User name").FillAsync(buyer);
        await page.GetByLabel("Password").FillAsync("not the password");
        await PageNavigation.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }));
        Assert.StartsWith("Wrong user name or password.", await page.Locator("p.error").InnerTextAsync(), StringComparison.Ordinal);
        await snap.TakeAsync("sign-in-refused");
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await PageNavigation.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }));
        Assert.Equal("/apps/order-entry", new Uri(page.Url).AbsolutePath);
        await page.GetByLabel("Keyword", new() { Exact = true }).FillAsync("cable");
        await PageNavigation.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }));
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Previous", Exact = true }).CountAsync()); // order-entry hides it
        var rows = page.Locator("table.items tbody tr");
        Assert.Equal(5, await rows.CountAsync());
        var quantity = rows.Nth(0).GetByLabel("Quantity");
        Assert.Equal(("1", "1000", "1"), (await quantity.GetAttributeAsync("min"), await quantity.GetAttributeAsync("max"), await quantity.InputValueAsync()));
        Assert.All(await page.Locator("table.items td[data-column=price]").AllInnerTextsAsync(), p => Assert.Matches(Euros(), p));
        await snap.TakeAsync("order-entry-browse");

        // A quantity the server refuses (the browser's own check switched off, as an old browser would): the error is next
        // to that row's field, which keeps what was typed.
        await rows.Nth(1).Locator("form[data-action=add]").EvaluateAsync("f => f.noValidate = true");
        await rows.Nth(1).GetByLabel("Quantity").FillAsync("0");
        await PageNavigation.SubmitAsync(page, rows.Nth(1).GetByRole(AriaRole.Button, new() { Name = "Add to cart" }));
        var refusedField = page.Locator("form[data-refused=true] .field.invalid");
        Assert.Equal("Quantity must be between 1 and 1000 (got 0).", await refusedField.Locator(".field-error").InnerTextAsync());
        Assert.Equal("0", await refusedField.Locator("input").InputValueAsync());
        Assert.Equal("true", await refusedField.Locator("input").GetAttributeAsync("aria-invalid"));
        Assert.Equal(await page.Locator("table.items tbody tr").Nth(1).GetAttributeAsync("data-id"), await page.Locator("form[data-refused=true] input[name=productId]").InputValueAsync());
        Assert.Equal(1, await page.Locator("#error-summary").CountAsync());
        await snap.TakeAsync("order-entry-refused-quantity");

        await rows.Nth(0).GetByLabel("Quantity").FillAsync("2");
        await PageNavigation.SubmitAsync(page, rows.Nth(0).GetByRole(AriaRole.Button, new() { Name = "Add to cart" }));
        await PageNavigation.SubmitAsync(page, page.Locator("table.items tbody tr").Nth(1).GetByRole(AriaRole.Button, new() { Name = "Add to cart" }));
        Assert.Equal("2", await page.Locator("dd[data-field=cartLines]").InnerTextAsync());
        await PageNavigation.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Review cart" }));

        // The cart's lines: change a quantity, remove a line; totals in euros.
        var lines = page.Locator("table.lines tbody tr");
        Assert.Equal(2, await lines.CountAsync());
        Assert.Equal(["2", "1"], await page.Locator("table.lines td[data-column=quantity]").AllInnerTextsAsync());
        var unit = await lines.Nth(0).Locator("td[data-column=unitPrice]").InnerTextAsync();
        Assert.Equal("2", await lines.Nth(0).GetByLabel("Quantity").InputValueAsync());
        Assert.Equal("0", await lines.Nth(0).GetByLabel("Quantity").GetAttributeAsync("min"));
        await snap.TakeAsync("order-entry-review");
        await lines.Nth(0).GetByLabel("Quantity").FillAsync("4");
        await PageNavigation.SubmitAsync(page, lines.Nth(0).GetByRole(AriaRole.Button, new() { Name = "Update" }));
        Assert.Equal(["4", "1"], await page.Locator("table.lines td[data-column=quantity]").AllInnerTextsAsync());
        Assert.Equal(Money(Cents(unit) * 4), await page.Locator("table.lines tbody tr").Nth(0).Locator("td[data-column=lineTotal]").InnerTextAsync());
        await PageNavigation.SubmitAsync(page, page.Locator("table.lines tbody tr").Nth(1).GetByRole(AriaRole.Button, new() { Name = "Remove" }));
        Assert.Equal(1, await page.Locator("table.lines tbody tr").CountAsync());
        Assert.Equal(Money(Cents(unit) * 4), await page.Locator("dd[data-field=total]").InnerTextAsync());
        await snap.TakeAsync("order-entry-review-changed");

        // Placing it: a summary of what was ordered, not just an id.
        await PageNavigation.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Place order" }));
        Assert.Equal("Order placed", await page.Locator("h1").InnerTextAsync());
        var notice = await page.Locator("#notice").InnerTextAsync();
        Assert.Matches(@"^Thank you! Order \d+ is placed: 4 item\(s\), €[\d,]+\.\d{2}\.$", notice);
        Assert.Equal(["4"], await page.Locator("table.lines td[data-column=quantity]").AllInnerTextsAsync());
        Assert.Equal(Money(Cents(unit) * 4), await page.Locator("dd[data-field=total]").InnerTextAsync());
        Assert.Matches(@"^\d+$", await page.Locator("dd[data-field=orderId]").InnerTextAsync());
        await snap.TakeAsync("order-entry-confirmation");
        await PageNavigation.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Start a new order" }));
        Assert.Equal("0", await page.Locator("dd[data-field=cartLines]").InnerTextAsync());

        output.WriteLine(string.Join(Environment.NewLine, snap.Files));
    }

    private static long Cents(string euros) => long.Parse(euros.TrimStart('€').Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private static string Money(long cents) => Workflows.Views.ViewFormats.FormatMoney(cents, "EUR");

    // The linked file is served with its type and a long cache lifetime.
    private async Task AssertServedAsync(IPage page, string selector, string contentType)
    {
        var href = await page.Locator(selector).GetAttributeAsync("href");
        Assert.NotNull(href);
        using var http = fixture.Gateway.CreateClient();
        using var response = await http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("max-age=31536000", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^Page (?<page>\d+) of (?<pages>\d+) · (?<total>\d+) results$")]
    private static partial Regex PagerText();

    [GeneratedRegex(@"^€\d{1,3}(,\d{3})*\.\d{2}$")]
    private static partial Regex Euros();

    /// <summary>Saves the current page at both widths and checks that nothing scrolls sideways at phone width.</summary>
    private sealed class Snapshots(IPage page, string folder)
    {
        public List<string> Files { get; } = [];

        public async Task TakeAsync(string name)
        {
            foreach (var width in new[] { Desktop, Phone })
            {
                await page.SetViewportSizeAsync(width, width == Phone ? 844 : 900);
                var path = Path.Combine(folder, $"{name}-{width}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
                Assert.True(new FileInfo(path).Length > 1000, $"{path} is empty");
                Files.Add(path);
                if (width == Phone)
                {
                    var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
                    Assert.True(scrollWidth <= Phone, $"{name}: the page is {scrollWidth} px wide at {Phone} px");
                }
            }

            await page.SetViewportSizeAsync(Desktop, 900);
        }
    }
}
