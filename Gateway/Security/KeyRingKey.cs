using System.Security.Cryptography;
using System.Text;

namespace OrleansPlatform.Gateway.Security;

/// <summary>
/// The key that encrypts the data protection key ring at rest: HKDF-SHA256 over the cluster secret
/// (<c>Transport:ClusterSecret</c>), with a label of its own so it never equals a key the secret is used for elsewhere
/// (the connection handshake). Every Gateway of a cluster holds the same secret, so each derives the same key and
/// reads what another wrote.
/// </summary>
internal static class KeyRingKey
{
    /// <summary>The key length: AES-256.</summary>
    public const int Length = 32;

    private static readonly byte[] Label = "OrleansPlatform data protection key ring v1"u8.ToArray();

    /// <summary>The key for <paramref name="clusterSecret"/>.</summary>
    public static byte[] Derive(string clusterSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterSecret);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(clusterSecret), Length, salt: [], info: Label);
    }
}
