using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Cli;

/// <summary>One Gateway process (SQLite, embedded silo) with an admin password, for the CLI tests of a class.</summary>
public sealed class OplatFixture : IAsyncLifetime
{
    /// <summary>The admin password the Gateway is started with (at least 12 characters, as the Gateway requires).</summary>
    public const string Password = "cli-test-password-0123";

    private TestDatabase? _database;

    public GatewayProcess Gateway { get; private set; } = null!;

    /// <summary>A directory without <c>data/admin-password</c>, so only the environment supplies the password.</summary>
    public TempDirectory WorkDirectory { get; } = new();

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        Gateway = await GatewayProcess.StartAsync(_database, new Dictionary<string, string> { ["Admin__Password"] = Password });
    }

    /// <summary>Runs <c>oplat</c> against the Gateway with the right password (from <c>OPLAT_URL</c> and <c>OPLAT_PASSWORD</c>).</summary>
    public Task<OplatResult> RunAsync(params string[] args) => RunWithAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs <c>oplat</c> with these variables over the defaults (the Gateway's URL and the right password).</summary>
    public Task<OplatResult> RunWithAsync(IDictionary<string, string> environment, string[] args, string? workingDirectory = null)
    {
        var full = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OPLAT_URL"] = Gateway.BaseAddress.ToString(),
            ["OPLAT_PASSWORD"] = Password,
        };
        foreach (var (key, value) in environment)
        {
            full[key] = value;
        }

        return OplatProcess.RunAsync(full, workingDirectory ?? WorkDirectory.Path, args);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        WorkDirectory.Dispose();
    }
}
