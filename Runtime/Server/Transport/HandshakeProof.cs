using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>
/// The proof of knowledge of the cluster secret: HMAC-SHA256 keyed with the secret over a domain label, the prover's
/// role, the cluster id, the prover's and verifier's node ids and the verifier's random nonce. The secret itself never
/// leaves the process; a fresh nonce per connection prevents replay, the role prevents reflecting a peer's proof back.
/// </summary>
internal static class HandshakeProof
{
    public const int NonceSize = 32;
    public const int ProofSize = 32;

    private static ReadOnlySpan<byte> Label => "OrleansPlatform.Transport.Handshake.v1"u8;

    public static byte[] CreateNonce() => RandomNumberGenerator.GetBytes(NonceSize);

    /// <summary>The HMAC key for a secret (its UTF-8 bytes).</summary>
    public static byte[] DeriveKey(string secret) => Encoding.UTF8.GetBytes(secret);

    /// <summary>Computes the proof a <paramref name="proverRole"/> side sends to a verifier that issued <paramref name="verifierNonce"/>.</summary>
    public static byte[] Compute(
        ReadOnlySpan<byte> key,
        HandshakeRole proverRole,
        string clusterId,
        string proverNodeId,
        string verifierNodeId,
        ReadOnlySpan<byte> verifierNonce)
    {
        var data = BuildData(proverRole, clusterId, proverNodeId, verifierNodeId, verifierNonce);
        return HMACSHA256.HashData(key, data);
    }

    /// <summary>Checks a received proof in constant time.</summary>
    public static bool Verify(
        ReadOnlySpan<byte> key,
        HandshakeRole proverRole,
        string clusterId,
        string proverNodeId,
        string verifierNodeId,
        ReadOnlySpan<byte> verifierNonce,
        ReadOnlySpan<byte> proof)
    {
        Span<byte> expected = stackalloc byte[ProofSize];
        var data = BuildData(proverRole, clusterId, proverNodeId, verifierNodeId, verifierNonce);
        HMACSHA256.HashData(key, data, expected);
        if (proof.Length != ProofSize)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, proof);
    }

    private static byte[] BuildData(HandshakeRole role, string clusterId, string proverNodeId, string verifierNodeId, ReadOnlySpan<byte> nonce)
    {
        var length = Label.Length + 1
            + 2 + Encoding.UTF8.GetByteCount(clusterId)
            + 2 + Encoding.UTF8.GetByteCount(proverNodeId)
            + 2 + Encoding.UTF8.GetByteCount(verifierNodeId)
            + 2 + nonce.Length;
        var data = new byte[length];
        var span = data.AsSpan();
        Label.CopyTo(span);
        var offset = Label.Length;
        span[offset++] = (byte)role;
        offset += WriteString(span[offset..], clusterId);
        offset += WriteString(span[offset..], proverNodeId);
        offset += WriteString(span[offset..], verifierNodeId);
        BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], (ushort)nonce.Length);
        nonce.CopyTo(span[(offset + 2)..]);
        return data;
    }

    private static int WriteString(Span<byte> destination, string value)
    {
        var count = Encoding.UTF8.GetBytes(value, destination[2..]);
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)count);
        return count + 2;
    }
}
