using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansPlatform.Grains.Diagnostics;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Runtime.Transport;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class TlsClusterTests
{
    [Fact]
    public async Task A_cluster_configured_with_a_certificate_file_talks_tls_only()
    {
        using var certificates = new TempDirectory();
        var pfx = Path.Combine(certificates.Path, "cluster.pfx");
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=orleansplatform-cluster", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, password));
        }

        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, silos: 2, new Dictionary<string, string>
        {
            ["Transport__CertificatePath"] = pfx,
            ["Transport__CertificatePassword"] = password,
        });

        var silos = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            silos.Add((await cluster.Client.GetGrain<ICounterGrain>($"tls-{i}").Add(1)).SiloName);
        }

        Assert.Equal(2, silos.Count);

        // The right secret without TLS gets nowhere.
        var endPoint = Runtime.Membership.SiloAddress.Parse((await cluster.ReadMembershipAsync())[0].SiloId).EndPoint;
        var plain = new TransportOptions { ClusterId = cluster.ClusterId, ClusterSecret = cluster.Secret, HandshakeTimeout = TimeSpan.FromSeconds(3) };
        await using var connection = SiloTransport.CreateConnection(endPoint, plain, NullLoggerFactory.Instance);
        await Assert.ThrowsAnyAsync<TransportException>(() => connection.ConnectAsync().AsTask());
    }
}
