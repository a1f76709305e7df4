namespace OrleansPlatform.Agent.Configuration;

/// <summary>The agent's HTTP API (section <c>Agent:Api</c>), behind the admin credentials (<c>Admin:Password</c>).</summary>
public sealed class AgentApiOptions
{
    /// <summary>The configuration section: <c>Agent:Api</c>.</summary>
    public const string SectionName = "Agent:Api";

    /// <summary>The default URL: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5081";

    /// <summary>
    /// Where the API listens. Default <c>http://127.0.0.1:5081</c> (loopback: other machines cannot reach it). To
    /// administer nodes remotely, bind another address, preferably behind TLS (HTTP Basic sends the password).
    /// </summary>
    public string Url { get; set; } = DefaultUrl;

    /// <summary>The URL other agents and the CLI are told to use (in <c>nodes</c>). Default: <see cref="Url"/>.</summary>
    public string? AdvertisedUrl { get; set; }
}
