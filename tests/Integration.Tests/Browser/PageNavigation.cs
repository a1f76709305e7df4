using Microsoft.Playwright;

namespace OrleansPlatform.Integration.Tests.Browser;

/// <summary>How the browser tests move from page to page.</summary>
internal static class PageNavigation
{
    /// <summary>
    /// Clicks and waits for the page the click leads to (a form post answered by a redirect or a refused form): the URL
    /// may stay the same (/apps/{app}), so the old document is marked and the wait is for a document without the mark.
    /// </summary>
    public static async Task SubmitAsync(IPage page, ILocator control)
    {
        await page.EvaluateAsync("() => { window.__previousPage = true; }");
        await control.ClickAsync();
        await page.WaitForFunctionAsync("() => window.__previousPage !== true && document.readyState === 'complete'");
    }
}
