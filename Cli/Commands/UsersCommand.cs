using System.CommandLine;
using System.Text.Json.Nodes;
using OrleansPlatform.Cli.Output;

namespace OrleansPlatform.Cli.Commands;

/// <summary>
/// <c>oplat users add NAME --password-stdin [--roles a,b] | list | disable NAME | enable NAME | roles NAME a,b</c>:
/// <c>/admin/api/users</c>. The password is read from standard input (its first line), never from the command line,
/// and never printed.
/// </summary>
internal static class UsersCommand
{
    public static Command Create(ApiCommandRunner runner, Terminal terminal)
    {
        var users = new Command("users", "The applications' users: add, list, disable or enable one, set roles");
        users.Add(runner.Get("list", "Every user with roles, disabled and lockout state (never a password)", "users", UsersView.RenderList));

        var addName = Names.Required("name", "The user name (letters, digits, '.', '_', '-', '@')");
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (its first line); required" };
        var addRoles = new Option<string?>("--roles") { Description = "Comma-separated roles, e.g. buyer,manager" };
        var add = new Command("add", "Create a user; the password comes from standard input") { addName, passwordStdin, addRoles };
        add.SetAction(async (parse, cancellationToken) =>
        {
            if (!parse.GetValue(passwordStdin))
            {
                terminal.Fail("users add reads the password from standard input: pass --password-stdin (e.g. printf '%s' \"$PASSWORD\" | oplat users add NAME --password-stdin)");
                return ExitCodes.Usage;
            }

            var password = (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n');
            if (string.IsNullOrEmpty(password))
            {
                terminal.Fail("no password on standard input");
                return ExitCodes.Usage;
            }

            var body = new JsonObject
            {
                ["name"] = parse.GetRequiredValue(addName),
                ["password"] = password,
                ["roles"] = RolesArray(parse.GetValue(addRoles)),
            };
            return await runner.RunAsync(parse, (api, ct) => api.PostAsync("users", body, ct), UsersView.RenderChange, cancellationToken);
        });
        users.Add(add);

        users.Add(SetDisabled(runner, "disable", "Refuse the user's sign-ins, tokens and cookies from now on"));
        users.Add(SetDisabled(runner, "enable", "Let a disabled user sign in again"));

        var rolesName = Names.Required("name", "The user name");
        var rolesList = new Argument<string>("roles") { Description = "Comma-separated roles, e.g. buyer,manager (\"\" for none)" };
        var roles = new Command("roles", "Replace the user's roles") { rolesName, rolesList };
        roles.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            (api, ct) => api.PutAsync($"users/{AdminApiClient.Segment(parse.GetRequiredValue(rolesName))}/roles", new JsonObject { ["roles"] = RolesArray(parse.GetValue(rolesList)) }, ct),
            UsersView.RenderChange,
            cancellationToken));
        users.Add(roles);
        return users;
    }

    private static Command SetDisabled(ApiCommandRunner runner, string verb, string description)
    {
        var name = Names.Required("name", "The user name");
        var command = new Command(verb, description) { name };
        command.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            (api, ct) => api.PostAsync($"users/{AdminApiClient.Segment(parse.GetRequiredValue(name))}/{verb}", null, ct),
            UsersView.RenderChange,
            cancellationToken));
        return command;
    }

    private static JsonArray RolesArray(string? roles) =>
        new((roles ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
}
