using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace OrleansPlatform.Gateway.Security;

/// <summary>
/// Encrypts each data protection key before it is stored in the cluster database (<see cref="DatabaseXmlRepository"/>),
/// with AES-256-GCM under <see cref="KeyRingKey"/>: a reader of the database alone cannot forge or read the Gateway's
/// cookies and anti-forgery tokens. <see cref="ClusterSecretXmlDecryptor"/> reads it back.
/// </summary>
internal sealed class ClusterSecretXmlEncryptor(byte[] key) : IXmlEncryptor
{
    /// <summary>The element that holds the sealed key.</summary>
    public const string ElementName = "sealedKey";

    /// <summary>Its child with the base64 of nonce | tag | ciphertext.</summary>
    public const string ValueName = "value";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedValue = KeyRingSealing.Seal(key, plaintext);
        var element = new XElement(
            ElementName,
            new XComment(" AES-256-GCM under a key derived from the cluster secret (README, Security) "),
            new XElement(ValueName, Convert.ToBase64String(sealedValue)));
        return new EncryptedXmlInfo(element, typeof(ClusterSecretXmlDecryptor));
    }
}
