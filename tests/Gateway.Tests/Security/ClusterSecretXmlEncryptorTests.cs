using System.Security.Cryptography;
using System.Xml.Linq;
using OrleansPlatform.Gateway.Security;

namespace OrleansPlatform.Gateway.Tests.Security;

public sealed class ClusterSecretXmlEncryptorTests
{
    private const string Secret = "a-cluster-secret-of-the-test-0123";
    private static readonly XElement KeyElement = XElement.Parse("<descriptor><masterKey><value>c2VjcmV0LWtleS1tYXRlcmlhbA==</value></masterKey></descriptor>");

    [Fact]
    public void What_one_Gateway_seals_another_with_the_same_secret_opens()
    {
        var encrypted = new ClusterSecretXmlEncryptor(KeyRingKey.Derive(Secret)).Encrypt(KeyElement);

        Assert.Equal(typeof(ClusterSecretXmlDecryptor), encrypted.DecryptorType);
        var opened = new ClusterSecretXmlDecryptor(KeyRingKey.Derive(Secret)).Decrypt(encrypted.EncryptedElement);
        Assert.True(XNode.DeepEquals(KeyElement, opened));
    }

    [Fact]
    public void The_sealed_element_does_not_contain_the_key_material()
    {
        var sealedXml = new ClusterSecretXmlEncryptor(KeyRingKey.Derive(Secret)).Encrypt(KeyElement).EncryptedElement.ToString();

        Assert.DoesNotContain("c2VjcmV0LWtleS1tYXRlcmlhbA", sealedXml, StringComparison.Ordinal);
        Assert.DoesNotContain("masterKey", sealedXml, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_seals_of_one_element_differ_by_their_nonce()
    {
        var encryptor = new ClusterSecretXmlEncryptor(KeyRingKey.Derive(Secret));

        Assert.NotEqual(Value(encryptor.Encrypt(KeyElement).EncryptedElement), Value(encryptor.Encrypt(KeyElement).EncryptedElement));
    }

    [Fact]
    public void A_changed_byte_fails_the_tag_check()
    {
        var element = new ClusterSecretXmlEncryptor(KeyRingKey.Derive(Secret)).Encrypt(KeyElement).EncryptedElement;
        var bytes = Convert.FromBase64String(Value(element));
        bytes[^1] ^= 0x01;
        element.Element(ClusterSecretXmlEncryptor.ValueName)!.Value = Convert.ToBase64String(bytes);

        Assert.ThrowsAny<CryptographicException>(() => new ClusterSecretXmlDecryptor(KeyRingKey.Derive(Secret)).Decrypt(element));
    }

    [Fact]
    public void Another_secret_cannot_open_it()
    {
        var element = new ClusterSecretXmlEncryptor(KeyRingKey.Derive(Secret)).Encrypt(KeyElement).EncryptedElement;

        Assert.ThrowsAny<CryptographicException>(() => new ClusterSecretXmlDecryptor(KeyRingKey.Derive(Secret + "-other")).Decrypt(element));
    }

    [Fact]
    public void A_truncated_or_missing_value_is_a_cryptographic_error()
    {
        var decryptor = new ClusterSecretXmlDecryptor(KeyRingKey.Derive(Secret));

        Assert.ThrowsAny<CryptographicException>(() => decryptor.Decrypt(new XElement(ClusterSecretXmlEncryptor.ElementName)));
        Assert.ThrowsAny<CryptographicException>(() => decryptor.Decrypt(new XElement(ClusterSecretXmlEncryptor.ElementName, new XElement(ClusterSecretXmlEncryptor.ValueName, "AAAA"))));
        Assert.ThrowsAny<CryptographicException>(() => decryptor.Decrypt(new XElement(ClusterSecretXmlEncryptor.ElementName, new XElement(ClusterSecretXmlEncryptor.ValueName, "not base64!"))));
    }

    private static string Value(XElement element) => element.Element(ClusterSecretXmlEncryptor.ValueName)!.Value;
}
