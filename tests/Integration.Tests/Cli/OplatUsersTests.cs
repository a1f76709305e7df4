using System.Net;
using System.Net.Http.Json;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Cli;

/// <summary><c>oplat users</c> against a real Gateway: the password from standard input only, never printed.</summary>
public sealed class OplatUsersTests(OplatFixture fixture) : IClassFixture<OplatFixture>
{
    private const string UserPassword = "cli-user-password-73ab";

    [Fact]
    public async Task Users_are_added_from_standard_input_listed_disabled_and_given_roles_and_the_password_is_never_printed()
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var environment = new Dictionary<string, string>
        {
            ["OPLAT_URL"] = fixture.Gateway.BaseAddress.ToString(),
            ["OPLAT_PASSWORD"] = OplatFixture.Password,
            ["OPLAT_DLL"] = RepoPaths.CliDll,
            ["USER_PW"] = UserPassword,
            ["ORLEANSPLATFORM_Admin__Password"] = string.Empty,
        };
        await using (var add = PlatformProcess.StartCommand(
            "bash", ["-c", $"printf '%s\\n' \"$USER_PW\" | exec dotnet \"$OPLAT_DLL\" users add {name} --password-stdin --roles buyer,staff"], fixture.WorkDirectory.Path, environment))
        {
            Assert.Equal(0, await add.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains($"{name}: enabled, roles buyer,staff", add.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain(UserPassword, add.StandardOutput + add.StandardError, StringComparison.Ordinal);
        }

        using var http = fixture.Gateway.CreateClient();
        using (var token = await http.PostAsJsonAsync("/api/auth/token", new { user = name, password = UserPassword }))
        {
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        }

        var list = await fixture.RunAsync("users", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains(name, list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(UserPassword, list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("AQAAAA", list.Stdout, StringComparison.Ordinal);

        Assert.Contains($"{name}: enabled, roles manager", (await fixture.RunAsync("users", "roles", name, "manager")).Stdout, StringComparison.Ordinal);
        var disabled = await fixture.RunAsync("users", "disable", name);
        Assert.Equal((0, true), (disabled.ExitCode, disabled.Stdout.Contains($"{name}: disabled", StringComparison.Ordinal)));
        using (var refused = await http.PostAsJsonAsync("/api/auth/token", new { user = name, password = UserPassword }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var unknown = await fixture.RunAsync("users", "disable", "nobody-" + name);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("404", string.Join('\n', unknown.StderrLines), StringComparison.Ordinal);
        Assert.DoesNotContain(UserPassword, fixture.Gateway.Process.StandardOutput + fixture.Gateway.Process.StandardError, StringComparison.Ordinal);
    }
}
