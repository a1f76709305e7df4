namespace OrleansPlatform.Cli.Tests;

/// <summary>Parsing only: every case here fails or finishes before any HTTP call.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("oplat: Required command was not provided (oplat --help)")]
    [InlineData("oplat: Unrecognized command or argument 'frobnicate' (oplat --help)", "frobnicate")]
    [InlineData("oplat: Required argument missing for command: 'enable' (oplat apps enable --help)", "apps", "enable")]
    [InlineData("oplat: Required command was not provided (oplat silos --help)", "silos")]
    [InlineData("oplat: Unrecognized option '--bogus' (oplat config get --help)", "config", "get", "--bogus")]
    [InlineData("oplat: Unrecognized command or argument 'extra' (oplat caches clear --help)", "caches", "clear", "*", "extra")]
    public void Parse_errors_are_bad_usage_with_one_line(string expected, params string[] args)
    {
        var (exitCode, terminal) = Run(args);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal(expected, Assert.Single(terminal.ErrorLines));
        Assert.Empty(terminal.Output);
    }

    [Fact]
    public void A_url_that_is_not_http_is_bad_usage_from_the_option_and_from_OPLAT_URL()
    {
        var (fromOption, optionTerminal) = Run(["--url", "ftp://example.invalid", "status"]);
        var (fromVariable, variableTerminal) = Run(["status"], ("OPLAT_URL", "not a url"));

        Assert.Equal(ExitCodes.Usage, fromOption);
        Assert.Contains("ftp://example.invalid", Assert.Single(optionTerminal.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, fromVariable);
        Assert.Contains("OPLAT_URL", Assert.Single(variableTerminal.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_the_commands_and_exits_0()
    {
        var (exitCode, terminal) = Run(["--help"]);

        Assert.Equal(ExitCodes.Success, exitCode);
        foreach (var command in new[] { "status", "apps", "caches", "silos", "config", "locks", "sessions", "users" })
        {
            Assert.Contains(command, terminal.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Users_add_takes_the_password_only_from_standard_input()
    {
        var (exitCode, terminal) = Run(["users", "add", "alice", "--roles", "buyer"]);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.StartsWith("oplat: users add reads the password from standard input: pass --password-stdin", Assert.Single(terminal.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(terminal.Output);
        Assert.Equal(ExitCodes.Usage, Run(["users", "add", "alice", "--password", "secret"]).ExitCode);
        Assert.Equal(ExitCodes.Usage, Run(["users", "roles", "alice"]).ExitCode);
    }

    private static (int ExitCode, TestTerminal Terminal) Run(string[] args, params (string Name, string Value)[] variables)
    {
        var terminal = new TestTerminal();
        var environment = new CliEnvironment(name => variables.FirstOrDefault(v => v.Name == name).Value, Path.GetTempPath());
        var exitCode = new OplatCommandLine(terminal.Terminal, environment).RunAsync(args).GetAwaiter().GetResult();
        return (exitCode, terminal);
    }
}
