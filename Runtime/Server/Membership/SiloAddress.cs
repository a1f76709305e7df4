using System.Globalization;
using System.Net;

namespace OrleansPlatform.Runtime.Membership;

/// <summary>One incarnation of a silo: its transport endpoint and a generation that differs on every start.</summary>
public sealed record SiloAddress(string Host, int Port, long Generation)
{
    /// <summary>The identity used in every table: <c>host:port@generation</c>.</summary>
    public string Id => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}@{Generation.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The transport endpoint.</summary>
    public IPEndPoint EndPoint => new(IPAddress.Parse(Host), Port);

    /// <summary>Parses <see cref="Id"/>.</summary>
    public static SiloAddress Parse(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var at = id.LastIndexOf('@');
        var colon = at > 0 ? id.LastIndexOf(':', at) : -1;
        if (at <= 0 || colon <= 0)
        {
            throw new FormatException($"'{id}' is not a silo id; expected 'host:port@generation'.");
        }

        return new SiloAddress(
            id[..colon],
            int.Parse(id.AsSpan(colon + 1, at - colon - 1), CultureInfo.InvariantCulture),
            long.Parse(id.AsSpan(at + 1), CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public override string ToString() => Id;
}
