using System.Text.Json;
using OrleansPlatform.Gateway.Api;
using OrleansPlatform.Gateway.Users;

namespace OrleansPlatform.Gateway.Admin.Api;

/// <summary>
/// The applications' users: <c>GET /admin/api/users</c>; <c>POST /admin/api/users</c> with
/// <c>{"name":"...","password":"...","roles":["a","b"]}</c> (201; 409 when the name is taken);
/// <c>POST /admin/api/users/{name}/disable</c> and <c>/enable</c>; <c>PUT /admin/api/users/{name}/roles</c> with
/// <c>{"roles":["a","b"]}</c>. A password is accepted, never returned or logged.
/// </summary>
internal static class UsersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/users", async (IUserDirectory users, CancellationToken cancellationToken) => Results.Ok(await users.ListAsync(cancellationToken)));
        api.MapPost("/users", async (HttpRequest request, IUserDirectory users, CancellationToken cancellationToken) =>
        {
            var (body, problem) = await RequestBodies.ReadJsonObjectAsync(request, AdminApiEndpoints.MaxBodyBytes);
            if (problem is not null)
            {
                return problem;
            }

            if (StringOf(body, "name") is not { } name)
            {
                return Invalid("name", "name must be a string: the user name.");
            }

            if (StringOf(body, "password") is not { } password)
            {
                return Invalid("password", "password must be a string.");
            }

            if (!TryRoles(body, out var roles))
            {
                return Invalid("roles", "roles must be an array of strings.");
            }

            try
            {
                var user = await users.AddAsync(name, password, roles, cancellationToken);
                return Results.Created($"/admin/api/users/{Uri.EscapeDataString(user.Name)}", user);
            }
            catch (ArgumentException exception)
            {
                return Invalid(exception.ParamName ?? "name", exception.Message.Split(" (Parameter", 2)[0]);
            }
            catch (UserExistsException exception)
            {
                return GatewayProblems.Problem(StatusCodes.Status409Conflict, "User exists", exception.Message);
            }
        });
        api.MapPost("/users/{name}/disable", (string name, IUserDirectory users, CancellationToken cancellationToken) => SetDisabledAsync(name, true, users, cancellationToken));
        api.MapPost("/users/{name}/enable", (string name, IUserDirectory users, CancellationToken cancellationToken) => SetDisabledAsync(name, false, users, cancellationToken));
        api.MapPut("/users/{name}/roles", async (string name, HttpRequest request, IUserDirectory users, CancellationToken cancellationToken) =>
        {
            var (body, problem) = await RequestBodies.ReadJsonObjectAsync(request, AdminApiEndpoints.MaxBodyBytes);
            if (problem is not null)
            {
                return problem;
            }

            if (!body.TryGetProperty("roles", out _) || !TryRoles(body, out var roles))
            {
                return Invalid("roles", "roles must be an array of strings (empty: no roles).");
            }

            try
            {
                return await users.SetRolesAsync(name, roles, cancellationToken)
                    ? Results.Ok(await users.FindAsync(name, cancellationToken))
                    : UnknownUser(name);
            }
            catch (ArgumentException exception)
            {
                return Invalid("roles", exception.Message.Split(" (Parameter", 2)[0]);
            }
        });
    }

    private static async Task<IResult> SetDisabledAsync(string name, bool disabled, IUserDirectory users, CancellationToken cancellationToken) =>
        await users.SetDisabledAsync(name, disabled, cancellationToken)
            ? Results.Ok(await users.FindAsync(name, cancellationToken))
            : UnknownUser(name);

    private static string? StringOf(JsonElement body, string property) =>
        body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryRoles(JsonElement body, out List<string> roles)
    {
        roles = [];
        if (!body.TryGetProperty("roles", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
        {
            return false;
        }

        roles = value.EnumerateArray().Select(r => r.GetString()!).ToList();
        return true;
    }

    private static IResult Invalid(string field, string detail) =>
        GatewayProblems.Problem(StatusCodes.Status400BadRequest, "Invalid user", detail, new Dictionary<string, object?> { ["field"] = field });

    private static IResult UnknownUser(string name) =>
        GatewayProblems.Problem(StatusCodes.Status404NotFound, "Unknown user", $"There is no user '{(name.Length <= 64 ? name : name[..64] + "…")}'.");
}
