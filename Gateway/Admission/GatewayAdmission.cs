using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansPlatform.Gateway.Api;
using OrleansPlatform.Gateway.Pages;

namespace OrleansPlatform.Gateway.Admission;

/// <summary>
/// Admission in the Gateway: one concurrency limit (ASP.NET Core's rate limiter with a <see cref="ConcurrencyLimiter"/>)
/// over the requests that reach the silos (session API, pages, cluster API). A request beyond the slots and the line
/// is answered 503 with Retry-After before any work (problem+json under /api, a page elsewhere). Health, the OpenAPI
/// document, the admin console and API, and the dashboard are never limited: operators must be able to look at an
/// overloaded cluster.
/// </summary>
public static class GatewayAdmission
{
    /// <summary>Registers the options and the limiter.</summary>
    public static IServiceCollection AddGatewayAdmission(this IServiceCollection services)
    {
        services.AddOptions<GatewayAdmissionOptions>().BindConfiguration(GatewayAdmissionOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayAdmissionOptions>, GatewayAdmissionOptionsValidator>();
        services.AddSingleton<AdmissionRefusals>();
        services.AddSingleton<AdmissionLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddSingleton<IConfigureOptions<RateLimiterOptions>, ConfigureLimiter>();
        return services;
    }

    /// <summary>Adds the limiter to the pipeline (after error handling, before anything that calls a silo).</summary>
    public static WebApplication UseGatewayAdmission(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        return app;
    }

    /// <summary>True for the paths that are admitted through the limit.</summary>
    public static bool IsLimited(PathString path) =>
        !(path.StartsWithSegments("/health", StringComparison.Ordinal)
          || path.StartsWithSegments("/openapi", StringComparison.Ordinal)
          || path.StartsWithSegments("/admin", StringComparison.Ordinal)
          || path.StartsWithSegments("/dashboard", StringComparison.Ordinal));

    private sealed class ConfigureLimiter(AdmissionLimiter limiter, AdmissionRefusals refusals) : IConfigureOptions<RateLimiterOptions>
    {
        public void Configure(RateLimiterOptions options)
        {
            options.GlobalLimiter = limiter;
            options.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            options.OnRejected = async (context, cancellationToken) =>
            {
                refusals.Refused();
                var http = context.HttpContext;
                var result = http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                    ? GatewayProblems.Overloaded()
                    : GatewayProblems.WithRetryAfter(
                        AppPages.ErrorPage(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "Too many requests right now. Your session is kept: try again in a moment."),
                        GatewayProblems.OverloadedRetryAfter);
                await result.ExecuteAsync(http);
            };
        }
    }
}
