using System.Net;
using System.Text;
using OrleansPlatform.Gateway.Api;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Registry;


namespace OrleansPlatform.Gateway.Pages;

/// <summary><c>/</c>: the applications of the platform, each a link to its page.</summary>
public static class HomePage
{
    /// <summary>The registry grain's key (one registry; every silo registers the same applications).</summary>
    public const string RegistryKey = "default";

    /// <summary>Maps the page.</summary>
    public static IEndpointRouteBuilder MapHomePage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", async (IGrainFactory grains) =>
        {
            try
            {
                var applications = await grains.GetGrain<IApplicationRegistryGrain>(RegistryKey).List();
                var body = new StringBuilder("<h1>Applications</h1><ul class=\"applications\">");
                foreach (var application in applications)
                {
                    // Disabled (and draining, which takes no new sessions) applications stay listed, greyed out and not linked.
                    var title = WebUtility.HtmlEncode(application.Title);
                    var version = WebUtility.HtmlEncode(application.Version);
                    if (application.Enabled)
                    {
                        body.Append("<li><a href=\"/apps/").Append(WebUtility.HtmlEncode(application.Id)).Append("\">").Append(title).Append("</a> <small>v").Append(version).Append("</small></li>");
                    }
                    else
                    {
                        var state = application.State == ApplicationState.Draining ? "not taking new sessions" : "disabled";
                        body.Append("<li class=\"disabled\" aria-disabled=\"true\" data-app=\"").Append(WebUtility.HtmlEncode(application.Id)).Append("\" style=\"color:#8a8f99\">")
                            .Append(title).Append(" <small>v").Append(version).Append(" (").Append(state).Append(")</small></li>");
                    }
                }

                body.Append("</ul>");
                return Results.Content(HtmlRenderer.Page("Applications", body.ToString()), "text/html; charset=utf-8");
            }
            catch (Exception exception) when (GatewayProblems.From(exception) is not null)
            {
                return AppPages.ErrorPage(StatusCodes.Status503ServiceUnavailable, "Unavailable", "The applications could not be listed right now. Please try again in a moment.");
            }
        });
        return endpoints;
    }
}
