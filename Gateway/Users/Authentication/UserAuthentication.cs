using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Gateway.Users.Authentication;

/// <summary>
/// How the applications' users sign in, apart from the admin (<c>Admin/Authentication</c>): a cookie for the pages
/// (the <c>/sign-in</c> form) and bearer tokens for the JSON API (<c>POST /api/auth/token</c>). Both are sealed with the
/// cluster's shared key ring, so every Gateway accepts what another issued. Neither is the default scheme: the pages and
/// the session API ask for it themselves (<see cref="UserCallers"/>), because most applications are open to anonymous users.
/// </summary>
public static class UserAuthentication
{
    /// <summary>The policy scheme: bearer when the request has <c>Authorization: Bearer</c>, else the cookie.</summary>
    public const string Scheme = "user";

    /// <summary>The cookie scheme of the sign-in form.</summary>
    public const string CookieScheme = "user-cookie";

    /// <summary>The bearer token scheme of the JSON API.</summary>
    public const string BearerScheme = "user-bearer";

    /// <summary>The sign-in page.</summary>
    public const string SignInPath = "/sign-in";

    /// <summary>The sign-in cookie's name.</summary>
    public const string CookieName = "op_user";

    /// <summary>Registers the schemes, the users' directory and store, tokens and options (section <c>Users</c>).</summary>
    public static IServiceCollection AddUserAuthentication(this IServiceCollection services)
    {
        services.AddOptions<UserOptions>().BindConfiguration(UserOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UserOptions>, UserOptionsValidator>();
        services.AddSingleton<IAppUserStore, AdoNetAppUserStore>();
        services.AddSingleton<IUserDirectory, UserDirectory>();
        services.AddSingleton<UserTokens>();
        services.AddHostedService<DemoUserSeeder>();
        services.AddAuthentication()
            .AddPolicyScheme(Scheme, "User", policy => policy.ForwardDefaultSelector = context => UserTokens.HasBearer(context.Request) ? BearerScheme : CookieScheme)
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.Path = "/";
                cookie.LoginPath = SignInPath;
                cookie.SlidingExpiration = true;

                // A user disabled (or deleted) since signing in is signed out at the next request; roles are read fresh.
                cookie.Events.OnValidatePrincipal = async context =>
                {
                    var name = context.Principal?.Identity?.Name;
                    var users = context.HttpContext.RequestServices.GetRequiredService<IUserDirectory>();
                    var user = name is null ? null : await users.FindAsync(name, context.HttpContext.RequestAborted);
                    if (user is null || user.Disabled)
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieScheme);
                        return;
                    }

                    context.ReplacePrincipal(UserPrincipal.For(user, CookieScheme));
                };
            })
            .AddScheme<AuthenticationSchemeOptions, UserBearerHandler>(BearerScheme, displayName: null, _ => { });
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<IOptions<UserOptions>>((cookie, users) => cookie.ExpireTimeSpan = users.Value.CookieLifetime);
        return services;
    }
}
