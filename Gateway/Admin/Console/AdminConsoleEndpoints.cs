using Microsoft.AspNetCore.Antiforgery;
using OrleansPlatform.Gateway.Admin.Authentication;
using OrleansPlatform.Gateway.Admin.Caches;
using OrleansPlatform.Gateway.Admin.Configuration;
using OrleansPlatform.Gateway.Admin.Sessions;
using OrleansPlatform.Gateway.Admin.Silos;
using OrleansPlatform.Gateway.Api;
using OrleansPlatform.Gateway.Pages;
using OrleansPlatform.Gateway.Security;
using OrleansPlatform.Gateway.Users;
using OrleansPlatform.Grains.Applications;
using OrleansPlatform.Workflows.Locks;

namespace OrleansPlatform.Gateway.Admin.Console;

/// <summary>
/// The admin console: server-rendered pages under <c>/admin</c> that work without JavaScript and reload their figures,
/// with forms (anti-forgery checked) that post the same actions as the JSON API, then redirect back (Post/Redirect/Get)
/// with a notice. Signed-in admins only; anyone else is sent to the sign-in page.
/// </summary>
public static class AdminConsoleEndpoints
{
    private const int RefreshSeconds = 10;

    /// <summary>Maps the pages and their form actions.</summary>
    public static IEndpointRouteBuilder MapAdminConsole(this IEndpointRouteBuilder endpoints)
    {
        var console = endpoints.MapGroup("/admin").RequireAuthorization(AdminAuthentication.Policy);
        console.MapGet("/", async (HttpContext context, IGrainFactory grains, SiloDirectory silos, IClusterLockStore locks, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            var overview = await silos.ReadAsync(ct);
            var applications = await Applications(grains).Overview();
            var held = await locks.ListLiveAsync(ct);
            return Page(context, antiforgery, "Overview", "/admin", OverviewPage.Render(overview, applications, held.Count), RefreshSeconds);
        });
        console.MapGet("/apps", async (HttpContext context, IGrainFactory grains, SiloDirectory silos, IAntiforgery antiforgery, CancellationToken ct) =>
            Page(context, antiforgery, "Applications", "/admin/apps", ApplicationsPage.Render(await Applications(grains).Overview(), await silos.NamesAsync(ct), Form(context, antiforgery)), RefreshSeconds));
        console.MapGet("/caches", async (HttpContext context, CacheDirectory caches, IAntiforgery antiforgery, CancellationToken ct) =>
            Page(context, antiforgery, "Caches", "/admin/caches", CachesPage.Render(await caches.ReadAsync(ct), Form(context, antiforgery)), RefreshSeconds));
        console.MapGet("/silos", async (HttpContext context, SiloDirectory silos, IAntiforgery antiforgery, CancellationToken ct) =>
            Page(context, antiforgery, "Silos", "/admin/silos", SilosPage.Render(await silos.ReadAsync(ct), Form(context, antiforgery)), RefreshSeconds));
        console.MapGet("/config", async (HttpContext context, SettingsDirectory settings, IAntiforgery antiforgery, CancellationToken ct) =>
            await ConfigurationAsync(context, settings, antiforgery, error: null, ct));
        console.MapGet("/locks", async (HttpContext context, IClusterLockStore locks, SiloDirectory silos, IAntiforgery antiforgery, CancellationToken ct) =>
            Page(context, antiforgery, "Locks", "/admin/locks", LocksPage.Render(await locks.ListLiveAsync(ct), await silos.NamesAsync(ct)), RefreshSeconds));
        console.MapGet("/sessions", async (HttpContext context, SessionDirectory sessions, IAntiforgery antiforgery, CancellationToken ct) =>
            Page(context, antiforgery, "Sessions", "/admin/sessions", SessionsPage.Render(await sessions.ReadAsync(ct)), RefreshSeconds));
        console.MapGet("/users", async (HttpContext context, IUserDirectory users, IAntiforgery antiforgery, CancellationToken ct) =>
            Page(context, antiforgery, "Users", "/admin/users", UsersPage.Render(await users.ListAsync(ct), Form(context, antiforgery)), refreshSeconds: 0));

        foreach (var operation in new[] { "disable", "enable" })
        {
            console.MapPost("/users/{name}/" + operation, (string name, HttpContext context, IUserDirectory users, IAntiforgery antiforgery, AdminNotices notices) =>
                ActAsync(context, antiforgery, async _ =>
                    await users.SetDisabledAsync(name, operation == "disable", context.RequestAborted)
                        ? notices.RedirectWith("/admin/users", $"{name} is {operation}d.")
                        : AppPages.ErrorPage(StatusCodes.Status404NotFound, "Unknown user", "There is no such user.")));
        }

        console.MapPost("/users/{name}/roles", (string name, HttpContext context, IUserDirectory users, IAntiforgery antiforgery, AdminNotices notices) => ActAsync(context, antiforgery, async form =>
        {
            if (UserNames.ParseRoles(form["roles"]) is not { } roles)
            {
                return AppPages.ErrorPage(StatusCodes.Status400BadRequest, "Invalid roles", "Roles are comma-separated names of letters, digits, '.', '_' or '-'.");
            }

            return await users.SetRolesAsync(name, roles, context.RequestAborted)
                ? notices.RedirectWith("/admin/users", $"{name}: roles {(roles.Count == 0 ? "none" : string.Join(',', roles))}.")
                : AppPages.ErrorPage(StatusCodes.Status404NotFound, "Unknown user", "There is no such user.");
        }));

        console.MapPost("/apps/{app}/disable", (string app, HttpContext context, IGrainFactory grains, IAntiforgery antiforgery, AdminNotices notices) => ActAsync(context, antiforgery, async form =>
        {
            var graceful = form["mode"] == "graceful";
            await Applications(grains).Disable(app, graceful);
            return notices.RedirectWith("/admin/apps", graceful ? $"{app} is draining: new sessions are refused; it becomes disabled when its sessions are gone." : $"{app} is disabled.");
        }));
        console.MapPost("/apps/{app}/enable", (string app, HttpContext context, IGrainFactory grains, IAntiforgery antiforgery, AdminNotices notices) => ActAsync(context, antiforgery, async _ =>
        {
            await Applications(grains).Enable(app);
            return notices.RedirectWith("/admin/apps", $"{app} is enabled.");
        }));
        console.MapPost("/caches/{type}/{operation:regex(^(clear|reload)$)}", (string type, string operation, HttpContext context, CacheDirectory caches, IAntiforgery antiforgery, AdminNotices notices) =>
            ActAsync(context, antiforgery, async _ =>
                await caches.ApplyAsync(type, operation == "reload", context.RequestAborted) is { } done
                    ? notices.RedirectWith("/admin/caches", $"{(operation == "reload" ? "Reloaded" : "Cleared")} {(type == CacheDirectory.AllTypes ? "every cache" : type)} on {done.Objects.Count} silos ({done.Objects.Values.Sum()} objects).")
                    : AppPages.ErrorPage(StatusCodes.Status404NotFound, "Unknown cache type", "No silo has a cache of that type.")));
        console.MapPost("/silos/{id}/drain", (string id, HttpContext context, SiloDirectory silos, IAntiforgery antiforgery, AdminNotices notices) => ActAsync(context, antiforgery, async _ =>
            await silos.DrainAsync(id, context.RequestAborted) switch
            {
                DrainOutcome.Draining => notices.RedirectWith("/admin/silos", $"Silo {id} is draining: it shuts down gracefully and its sessions move to the other silos."),
                DrainOutcome.LastSilo => AppPages.ErrorPage(StatusCodes.Status409Conflict, "Last silo", "It is the only active silo: its sessions would have nowhere to go."),
                _ => AppPages.ErrorPage(StatusCodes.Status404NotFound, "Unknown silo", "No active silo has that id."),
            }));
        console.MapPost("/config/{key}", (string key, HttpContext context, SettingsDirectory settings, IAntiforgery antiforgery, AdminNotices notices) => ActAsync(context, antiforgery, async form =>
        {
            var silo = form["silo"].ToString().Trim();
            var (change, error) = await settings.SetAsync(key, form["value"].ToString(), silo.Length == 0 ? null : silo, context.RequestAborted);
            return change is not null
                ? notices.RedirectWith("/admin/config", $"{change.Key} = {change.Value} ({change.Scope}). {change.Message}")
                : await ConfigurationAsync(context, settings, antiforgery, error, context.RequestAborted);
        }));
        console.MapPost("/config/{key}/remove", (string key, HttpContext context, SettingsDirectory settings, IAntiforgery antiforgery, AdminNotices notices) => ActAsync(context, antiforgery, async form =>
        {
            var silo = form["silo"].ToString().Trim();
            var (change, error, _) = await settings.RemoveAsync(key, silo.Length == 0 ? null : silo, context.RequestAborted);
            return change is not null
                ? notices.RedirectWith("/admin/config", $"{change.Key} removed from {change.Scope}. {change.Message}")
                : await ConfigurationAsync(context, settings, antiforgery, error, context.RequestAborted);
        }));
        return endpoints;
    }

    private static IApplicationAdminGrain Applications(IGrainFactory grains) => grains.GetGrain<IApplicationAdminGrain>("admin");

    private static async Task<IResult> ConfigurationAsync(HttpContext context, SettingsDirectory settings, IAntiforgery antiforgery, string? error, CancellationToken ct)
    {
        var body = ConfigurationPage.Render(await settings.ReadAsync(ct), await settings.DriftAsync(ct), Form(context, antiforgery));
        return Page(context, antiforgery, "Configuration", "/admin/config", body, refreshSeconds: 0, error, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static AdminForm Form(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new AdminForm(tokens.FormFieldName, tokens.RequestToken ?? string.Empty);
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string title, string path, string body, int refreshSeconds, string? error = null, int status = StatusCodes.Status200OK)
    {
        NoCacheHeaders.Apply(context.Response);
        var notice = context.RequestServices.GetRequiredService<AdminNotices>().Read(context.Request);
        return Results.Content(AdminHtml.Page(title, path, body, Form(context, antiforgery), refreshSeconds, notice, error), "text/html; charset=utf-8", statusCode: status);
    }

    private static async Task<IResult> ActAsync(HttpContext context, IAntiforgery antiforgery, Func<IFormCollection, Task<IResult>> act)
    {
        if (!context.Request.HasFormContentType)
        {
            return AppPages.ErrorPage(StatusCodes.Status400BadRequest, "Bad request", "Submit the console's forms.");
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return AppPages.ErrorPage(StatusCodes.Status400BadRequest, "Form expired", "The form was not issued by this site or has expired; reload the page and try again.");
        }

        try
        {
            return await act(await context.Request.ReadFormAsync(context.RequestAborted));
        }
        catch (Exception exception) when (GatewayProblems.From(exception) is not null)
        {
            return exception is Grains.Sessions.ApplicationNotFoundException
                ? AppPages.ErrorPage(StatusCodes.Status404NotFound, "Unknown application", exception.Message)
                : AppPages.ErrorPage(StatusCodes.Status503ServiceUnavailable, "Unavailable", "The cluster could not answer in time; try again in a moment.");
        }
    }
}
