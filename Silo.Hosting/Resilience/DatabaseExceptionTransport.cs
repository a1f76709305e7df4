using Orleans.Serialization;

namespace OrleansPlatform.Silo.Hosting.Resilience;

/// <summary>
/// Lets the database drivers' exceptions cross between silos and clients. Orleans serializes exceptions only from the
/// namespaces it knows (Microsoft, System, Azure); a grain call that failed on an Npgsql exception would otherwise
/// reach the Gateway as a <c>CodecNotFoundException</c> raised while writing the reply, which says nothing about the
/// database. Carried as they are, the Gateway can tell "the database is unreachable" (503, retry) from a bug (500).
/// </summary>
public static class DatabaseExceptionTransport
{
    /// <summary>The namespaces added to <see cref="ExceptionSerializationOptions.SupportedNamespacePrefixes"/>.</summary>
    public static readonly IReadOnlyList<string> Namespaces = ["Npgsql", "Microsoft.Data.Sqlite"];

    /// <summary>Adds the drivers' namespaces.</summary>
    public static void Configure(ExceptionSerializationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var prefix in Namespaces)
        {
            options.SupportedNamespacePrefixes.Add(prefix);
        }
    }
}
