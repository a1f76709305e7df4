using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using OrleansPlatform.Silo.Hosting.Security;

namespace OrleansPlatform.Gateway.Security;

/// <summary>
/// Reads a key sealed by <see cref="ClusterSecretXmlEncryptor"/>. Data protection creates it by type name, through the
/// constructor that takes the service provider, and it derives the key from this Gateway's cluster secret; a key
/// sealed under another secret (or changed in the database) fails with <see cref="CryptographicException"/>.
/// </summary>
internal sealed class ClusterSecretXmlDecryptor : IXmlDecryptor
{
    private readonly byte[] key;

    public ClusterSecretXmlDecryptor(IServiceProvider services)
        : this(KeyRingKey.Derive(services.GetRequiredService<IOptions<TransportOptions>>().Value.ClusterSecret
            ?? throw new InvalidOperationException("Transport:ClusterSecret is not set: the data protection key ring cannot be read.")))
    {
    }

    public ClusterSecretXmlDecryptor(byte[] key) => this.key = key;

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var value = encryptedElement.Element(ClusterSecretXmlEncryptor.ValueName)?.Value
            ?? throw new CryptographicException($"The sealed data protection key has no <{ClusterSecretXmlEncryptor.ValueName}>.");
        byte[] sealedValue;
        try
        {
            sealedValue = Convert.FromBase64String(value);
        }
        catch (FormatException exception)
        {
            throw new CryptographicException("The sealed data protection key is not base64.", exception);
        }

        return XElement.Parse(Encoding.UTF8.GetString(KeyRingSealing.Open(key, sealedValue)));
    }
}
