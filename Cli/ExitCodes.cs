namespace OrleansPlatform.Cli;

/// <summary>What <c>oplat</c> exits with, so scripts can tell a refusal from a typo.</summary>
internal static class ExitCodes
{
    /// <summary>The API did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The API answered with an error (4xx/5xx), or the Gateway could not be reached.</summary>
    public const int Refused = 1;

    /// <summary>Bad usage: an unknown command, a missing argument, a bad option.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl-C) before the answer came, as shells report SIGINT.</summary>
    public const int Interrupted = 130;
}
