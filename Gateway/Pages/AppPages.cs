using Microsoft.AspNetCore.Antiforgery;
using OrleansPlatform.Gateway.Api;
using OrleansPlatform.Gateway.Sessions;
using OrleansPlatform.Gateway.Users.Authentication;
using OrleansPlatform.Gateway.Users.SignIn;
using OrleansPlatform.Grains.Placement;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Model;


namespace OrleansPlatform.Gateway.Pages;

/// <summary>
/// <c>/apps/{app}</c>: starts or continues the browser's session of an application (cookie) and shows its current
/// step. A form posts back (anti-forgery checked), then the browser is redirected to the page (Post/Redirect/Get), so
/// reloading never resubmits; the form carries the next sequence number, so a resubmitted form is applied once.
/// </summary>
public static class AppPages
{
    /// <summary>Maps the pages.</summary>
    public static IEndpointRouteBuilder MapAppPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/apps/{app}", ShowAsync);
        endpoints.MapPost("/apps/{app}", PostAsync);
        return endpoints;
    }

    private static async Task<IResult> ShowAsync(string app, HttpContext context, SessionClient sessions, SessionCookies cookies, IAntiforgery antiforgery)
    {
        if (!ApplicationIds.IsWellFormed(app))
        {
            return ErrorPage(StatusCodes.Status404NotFound, "Unknown application", "There is no such application.");
        }

        try
        {
            // Who is asking: the user's cookie is checked against the users' table (a user disabled since is signed out).
            var (caller, _) = await UserCallers.ResolveAsync(context);
            var reply = await CurrentOrNewAsync(app, context, sessions, cookies, caller);
            return Render(app, reply, context, antiforgery, errors: null, StatusCodes.Status200OK);
        }
        catch (Exception exception) when (GatewayProblems.From(exception) is not null)
        {
            return ErrorFor(app, exception);
        }
    }

    private static async Task<IResult> PostAsync(string app, HttpContext context, SessionClient sessions, SessionCookies cookies, IAntiforgery antiforgery)
    {
        if (!ApplicationIds.IsWellFormed(app))
        {
            return ErrorPage(StatusCodes.Status404NotFound, "Unknown application", "There is no such application.");
        }

        if (!context.Request.HasFormContentType)
        {
            return ErrorPage(StatusCodes.Status400BadRequest, "Bad request", "Submit the page's forms.");
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return ErrorPage(StatusCodes.Status400BadRequest, "Form expired", "The form was not issued by this site or has expired; reload the page and try again.");
        }

        var sessionId = cookies.Read(context.Request, app);
        if (sessionId is null)
        {
            return Results.Redirect($"/apps/{app}", permanent: false, preserveMethod: false);
        }

        SessionCaller caller;
        try
        {
            (caller, _) = await UserCallers.ResolveAsync(context);
        }
        catch (Exception exception) when (GatewayProblems.From(exception) is not null)
        {
            return ErrorFor(app, exception);
        }

        var form = await context.Request.ReadFormAsync();
        var action = form["_action"].ToString();
        if (!long.TryParse(form["_seq"].ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq) || string.IsNullOrEmpty(action))
        {
            return ErrorPage(StatusCodes.Status400BadRequest, "Bad request", "The form is missing its action or sequence number; reload the page.");
        }

        var inputs = form.Keys
            .Where(k => !k.StartsWith('_') && k != "__RequestVerificationToken")
            .Take(ActionRequest.MaxInputs)
            .ToDictionary(k => k, k => (string?)form[k].ToString(), StringComparer.Ordinal);
        try
        {
            await sessions.InteractAsync(sessionId, new SessionAction(action, inputs, seq), caller);
            return SeeOther(app);
        }
        catch (StaleSequenceException)
        {
            // A resubmitted or outdated form: it was applied once already; show where the session is.
            return SeeOther(app);
        }
        catch (SessionNotFoundException)
        {
            SessionCookies.Clear(context.Response, app);
            return SeeOther(app);
        }
        catch (Exception exception) when (exception is InvalidInputException or InvalidActionException)
        {
            try
            {
                // The form comes back as typed, each field's error next to it; the session itself is unchanged.
                var reply = await sessions.GetViewAsync(sessionId, caller);
                var fields = (exception as InvalidInputException)?.Errors ?? new Dictionary<string, string>();
                return Render(app, reply, context, antiforgery, new FormErrors(action, inputs, fields, exception.Message), StatusCodes.Status400BadRequest);
            }
            catch (Exception unavailable) when (GatewayProblems.From(unavailable) is not null)
            {
                return ErrorFor(app, unavailable);
            }
        }
        catch (Exception exception) when (GatewayProblems.From(exception) is not null)
        {
            return ErrorFor(app, exception);
        }
    }

    private static async Task<SessionReply> CurrentOrNewAsync(string app, HttpContext context, SessionClient sessions, SessionCookies cookies, SessionCaller caller)
    {
        if (cookies.Read(context.Request, app) is { } existing)
        {
            try
            {
                return await sessions.GetViewAsync(existing, caller);
            }
            catch (SessionNotFoundException)
            {
                // Ended, never stored, or another user's (this browser signed in as someone else): start a new one below.
            }
        }

        var sessionId = SessionIds.New();
        var reply = await sessions.StartAsync(sessionId, app, caller);
        cookies.Write(context.Response, app, sessionId);
        return reply;
    }

    private static IResult Render(string app, SessionReply reply, HttpContext context, IAntiforgery antiforgery, FormErrors? errors, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var body = HtmlRenderer.View(app, reply, tokens.FormFieldName, tokens.RequestToken ?? string.Empty, errors);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(HtmlRenderer.Page(reply.View.Title, body), "text/html; charset=utf-8", statusCode: status);
    }

    private static IResult SeeOther(string app) => new SeeOtherResult($"/apps/{app}");

    // Unavailability keeps the session (its cookie and its record are untouched): "try again" returns to the same step.
    private static IResult ErrorFor(string app, Exception exception) => exception switch
    {
        // The application, or this browser's session of it, needs a signed-in user: sign in, then come back here.
        SignInRequiredException => new SeeOtherResult(UserSignInEndpoints.SignInUrl($"/apps/{app}")),
        AccessDeniedException => ErrorPage(StatusCodes.Status403Forbidden, "Not allowed", exception.Message),
        ApplicationNotFoundException => ErrorPage(StatusCodes.Status404NotFound, "Unknown application", exception.Message),
        ApplicationDisabledException => ErrorPage(StatusCodes.Status503ServiceUnavailable, "Application disabled", exception.Message),
        ClusterBusyException busy => GatewayProblems.WithRetryAfter(
            ErrorPage(StatusCodes.Status503ServiceUnavailable, "Busy", "All servers are busy right now. Please try again in a moment.", $"/apps/{app}"),
            busy.RetryAfter),
        _ => GatewayProblems.WithRetryAfter(
            ErrorPage(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "The service is temporarily unavailable. Your session and your place in it are kept: try again in a moment.", $"/apps/{app}"),
            GatewayProblems.UnavailableRetryAfter),
    };

    /// <summary>A plain error page (no internals), with a "Try again" link to <paramref name="retry"/> when given.</summary>
    public static IResult ErrorPage(int status, string title, string message, string? retry = null) =>
        Results.Content(
            HtmlRenderer.Page(
                title,
                $"<h1>{System.Net.WebUtility.HtmlEncode(title)}</h1><p class=\"error\" role=\"alert\">{System.Net.WebUtility.HtmlEncode(message)}</p><p>"
                + (retry is null ? string.Empty : $"<a href=\"{System.Net.WebUtility.HtmlEncode(retry)}\">Try again</a> · ")
                + "<a href=\"/\">Applications</a></p>"),
            "text/html; charset=utf-8",
            statusCode: status);
}
