namespace OrleansPlatform.Cli.Tests;

public sealed class AdminPasswordTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oplat-tests-").FullName;

    [Fact]
    public void OPLAT_PASSWORD_comes_first_then_the_gateways_variable()
    {
        Assert.Equal("mine", AdminPassword.Find(Environment(("OPLAT_PASSWORD", "mine"), ("ORLEANSPLATFORM_Admin__Password", "gateway's"))));
        Assert.Equal("gateway's", AdminPassword.Find(Environment(("ORLEANSPLATFORM_Admin__Password", "gateway's"))));
        Assert.Equal("gateway's", AdminPassword.Find(Environment(("OPLAT_PASSWORD", string.Empty), ("ORLEANSPLATFORM_Admin__Password", "gateway's"))));
    }

    [Fact]
    public void Without_a_variable_the_file_run_sh_writes_is_read_relative_to_the_current_directory()
    {
        Assert.Null(AdminPassword.Find(Environment()));

        Directory.CreateDirectory(Path.Combine(_directory, "data"));
        File.WriteAllText(Path.Combine(_directory, "data", "admin-password"), "from-the-file\n");

        Assert.Equal("from-the-file", AdminPassword.Find(Environment()));
        Assert.Equal("mine", AdminPassword.Find(Environment(("OPLAT_PASSWORD", "mine"))));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private CliEnvironment Environment(params (string Name, string Value)[] variables) =>
        new(name => variables.FirstOrDefault(v => v.Name == name).Value, _directory);
}
