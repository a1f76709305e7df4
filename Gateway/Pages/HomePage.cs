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
                var body = new StringBuilder("<h1>Applications</h1><p class=\"lead\">Pick an application to start; your place in each is kept while you come back.</p><ul class=\"apps\">");
                foreach (var application in applications)
                {
                    // Disabled (and draining, which takes no new sessions) applications stay listed, greyed out and not linked.
                    var id = WebUtility.HtmlEncode(application.Id);
                    var title = WebUtility.HtmlEncode(application.Title);
                    var version = "<span class=\"version\">Version " + WebUtility.HtmlEncode(application.Version);
                    var description = application.Description.Length == 0 ? "" : "<p class=\"description\">" + WebUtility.HtmlEncode(application.Description) + "</p>";
                    if (application.Enabled)
                    {
                        body.Append("<li class=\"card app\" data-app=\"").Append(id).Append("\"><h2 class=\"app-title\"><a href=\"/apps/").Append(id).Append("\">").Append(title).Append("</a></h2>")
                            .Append(description).Append(version).Append("</span></li>");
                    }
                    else
                    {
                        var state = application.State == ApplicationState.Draining ? "not taking new sessions" : "disabled";
                        body.Append("<li class=\"card app disabled\" aria-disabled=\"true\" data-app=\"").Append(id).Append("\"><h2 class=\"app-title\">").Append(title).Append("</h2>")
                            .Append(description).Append(version).Append(" · ").Append(state).Append("</span></li>");
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
