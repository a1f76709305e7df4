namespace OrleansPlatform.Grains.Silos;

/// <summary>
/// The one way operators see a silo named, on every console page, in the CLI and in the logs that name one: its name
/// and its short address,
/// <c>silo-2 (127.0.0.1:41763)</c>. The name alone is ambiguous while a restarted silo's dead predecessor is still in
/// membership; the address alone (or the parsable id with its generation) means nothing to a reader.
/// </summary>
public static class SiloLabels
{
    /// <summary><c>name (host:port)</c>; the short address alone when the name is unknown.</summary>
    public static string Of(string? name, string siloIdOrAddress)
    {
        var address = ShortAddress(siloIdOrAddress);
        return string.IsNullOrEmpty(name) ? address : $"{name} ({address})";
    }

    /// <summary>The label of the silo with parsable id <paramref name="siloId"/>, its name looked up in <paramref name="namesById"/>.</summary>
    public static string Of(string siloId, IReadOnlyDictionary<string, string> namesById) =>
        Of(namesById.GetValueOrDefault(siloId), siloId);

    /// <summary><c>host:port</c> of a parsable silo id (<c>host:port@generation</c>) or of an address already short.</summary>
    public static string ShortAddress(string siloIdOrAddress)
    {
        var at = siloIdOrAddress.LastIndexOf('@');
        return at < 0 ? siloIdOrAddress : siloIdOrAddress[..at];
    }
}
