using System.Globalization;
using OrleansPlatform.Agent.Resources;

namespace OrleansPlatform.Agent.Plugins;

/// <summary>The <c>postgres</c> resource's settings (<c>Settings</c> in agent.json), with their defaults.</summary>
/// <param name="DataDirectory"><c>DataDirectory</c> (required): the cluster's data directory; initdb runs when it is empty.</param>
/// <param name="Port"><c>Port</c>: default 5432.</param>
/// <param name="ListenAddress"><c>ListenAddress</c>: default 127.0.0.1 (this machine only).</param>
/// <param name="User"><c>User</c>: the OS user the server runs as; default <c>postgres</c> when the agent runs as root (PostgreSQL refuses root), else the agent's own.</param>
/// <param name="BinDirectory"><c>BinDirectory</c>: where initdb, pg_ctl and pg_isready are; default the newest /usr/lib/postgresql/*/bin, else PATH.</param>
internal sealed record PostgresSettings(string DataDirectory, int Port, string ListenAddress, string? User, string? BinDirectory)
{
    public static PostgresSettings From(ResourceSpec resource) => new(
        Path.GetFullPath(resource.Setting("DataDirectory")!),
        int.Parse(resource.Setting("Port", "5432")!, NumberStyles.None, CultureInfo.InvariantCulture),
        resource.Setting("ListenAddress", "127.0.0.1")!,
        resource.Setting("User", ToolRunner.IsRoot ? "postgres" : null),
        resource.Setting("BinDirectory", NewestBinDirectory()));

    /// <summary>A tool's path (initdb, pg_ctl, pg_isready).</summary>
    public string Tool(string name) => BinDirectory is null ? name : Path.Combine(BinDirectory, name);

    private static string? NewestBinDirectory()
    {
        const string Root = "/usr/lib/postgresql";
        if (!Directory.Exists(Root))
        {
            return null;
        }

        return Directory.GetDirectories(Root)
            .Select(d => (Path: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
            .Where(d => File.Exists(Path.Combine(d.Path, "pg_ctl")))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Path)
            .FirstOrDefault();
    }
}
