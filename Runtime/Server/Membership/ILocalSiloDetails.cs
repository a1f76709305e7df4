namespace OrleansPlatform.Runtime.Membership;

/// <summary>The identity of the local silo, supplied by the runtime.</summary>
public interface ILocalSiloDetails
{
    /// <summary>This incarnation's transport endpoint and generation.</summary>
    SiloAddress Address { get; }

    /// <summary>A readable name.</summary>
    string Name { get; }

    /// <summary>The silo's role (free text).</summary>
    string Role { get; }

    /// <summary>A digest of the silo's configuration.</summary>
    string ConfigDigest { get; }
}
