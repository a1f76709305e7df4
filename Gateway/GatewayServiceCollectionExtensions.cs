using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using OrleansPlatform.Gateway.Api;
using OrleansPlatform.Gateway.Pages;
using OrleansPlatform.Gateway.Security;
using OrleansPlatform.Gateway.Sessions;
using OrleansPlatform.Gateway.Users.Authentication;
using OrleansPlatform.Silo.Hosting.Security;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Gateway;

/// <summary>Registers and configures the front door.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>Sessions, cookies, anti-forgery, problem details, and a data protection key ring shared through the cluster database.</summary>
    public static IServiceCollection AddGatewayFrontDoor(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Routing itself answers 415 for a body that is not JSON (the action endpoint declares it accepts only
            // application/json, which the OpenAPI document shows); say what to send, as the handlers' own 415 does.
            if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && context.ProblemDetails.Detail is null)
            {
                context.ProblemDetails.Detail = "Send the body as application/json.";
            }
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "op_antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddDataProtection().SetApplicationName("OrleansPlatform");
        // The key ring lives in the cluster database, each key sealed under a key derived from the cluster secret, which
        // every Gateway of the cluster shares (README, Security).
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(options =>
        {
            options.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IClusterDatabase>());
            if (sp.GetRequiredService<IOptions<TransportOptions>>().Value.ClusterSecret is { Length: > 0 } secret)
            {
                options.XmlEncryptor = new ClusterSecretXmlEncryptor(KeyRingKey.Derive(secret));
            }
        }));
        services.AddMigrationsFrom(typeof(GatewayServiceCollectionExtensions).Assembly);
        services.AddSingleton<SessionCookies>();
        services.AddOptions<SessionClientOptions>().BindConfiguration(SessionClientOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SessionClientOptions>, SessionClientOptionsValidator>();
        services.AddSingleton<SessionClient>();
        services.AddUserAuthentication();
        return services;
    }

    /// <summary>
    /// Unexpected errors answer 500 without internals (problem+json under /api, a plain page elsewhere); requests the
    /// server refuses before routing (bad headers, body too large) get a problem body too. A failure that only says the
    /// cluster cannot answer now (its database unreachable, a silo lost, a timeout) is a 503 with Retry-After wherever it
    /// surfaces, never a 500.
    /// </summary>
    public static WebApplication UseGatewayErrorHandling(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(errorApp => errorApp.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var api = context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal);
            if (error is not null && error is not BadHttpRequestException && GatewayProblems.IsUnavailable(error))
            {
                context.Response.Headers.RetryAfter = GatewayProblems.RetryAfterSeconds(GatewayProblems.UnavailableRetryAfter);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await (api
                    ? GatewayProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The platform could not answer in time; retry shortly.", type: ProblemTypes.Unavailable)
                    : AppPages.ErrorPage(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "The service is temporarily unavailable. Please try again in a moment.")).ExecuteAsync(context);
                return;
            }

            var status = error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            context.Response.StatusCode = status;
            if (api || status < 500)
            {
                await Results.Problem(
                    statusCode: status,
                    title: status < 500 ? "Bad request" : "Internal error",
                    detail: status < 500 ? error?.Message : "The request could not be completed.").ExecuteAsync(context);
            }
            else
            {
                await AppPages.ErrorPage(status, "Something went wrong", "The request could not be completed. Please try again.").ExecuteAsync(context);
            }
        }));
        app.UseStatusCodePages();
        return app;
    }
}
