using System.Security.Cryptography;

namespace OrleansPlatform.Gateway.Security;

/// <summary>
/// AES-256-GCM sealing of one key element: a fresh 12-byte nonce per element, the 16-byte tag, and the element's
/// purpose as associated data, laid out as nonce | tag | ciphertext. A changed byte, a wrong key or a sealed value moved
/// into another purpose fails the tag check.
/// </summary>
internal static class KeyRingSealing
{
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private static readonly byte[] Purpose = "data-protection-key"u8.ToArray();

    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> plaintext)
    {
        var sealedValue = new byte[NonceLength + TagLength + plaintext.Length];
        var nonce = sealedValue.AsSpan(0, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(NonceLength + TagLength), sealedValue.AsSpan(NonceLength, TagLength), Purpose);
        return sealedValue;
    }

    /// <summary>The plaintext; <see cref="CryptographicException"/> when the value was changed or sealed under another key.</summary>
    public static byte[] Open(byte[] key, ReadOnlySpan<byte> sealedValue)
    {
        if (sealedValue.Length < NonceLength + TagLength)
        {
            throw new CryptographicException("The sealed data protection key is truncated.");
        }

        var plaintext = new byte[sealedValue.Length - NonceLength - TagLength];
        using var aes = new AesGcm(key, TagLength);
        aes.Decrypt(sealedValue[..NonceLength], sealedValue[(NonceLength + TagLength)..], sealedValue.Slice(NonceLength, TagLength), plaintext, Purpose);
        return plaintext;
    }
}
