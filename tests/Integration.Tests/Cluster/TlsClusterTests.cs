using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OrleansPlatform.Grains.Diagnostics;
using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class TlsClusterTests
{
    [Fact]
    public async Task A_cluster_with_a_certificate_talks_tls_and_a_member_without_it_can_neither_join_nor_call()
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
        await using var cluster = await SiloCluster.StartAsync(database, 2, new Dictionary<string, string>
        {
            ["Transport__CertificatePath"] = pfx,
            ["Transport__CertificatePassword"] = password,
        });

        var silos = new HashSet<string>();
        for (var i = 0; i < 30 && silos.Count < 2; i++)
        {
            silos.Add((await cluster.Client.GetGrain<ICounterGrain>($"tls-{i}").Add(1)).Silo);
        }

        Assert.Equal(2, silos.Count);

        // The right secret without the certificate gets nowhere, as a client or as a silo.
        var plain = cluster.Settings.Where(kv => !kv.Key.StartsWith("Transport__Certificate", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            using var intruder = await SiloCluster.StartClientAsync(plain).WaitAsync(timeout.Token);
        });

        var outsider = cluster.StartSilo(new Dictionary<string, string> { ["Transport__CertificatePath"] = "" });
        await Task.Delay(TimeSpan.FromSeconds(12));
        Assert.DoesNotContain(await cluster.ReadMembershipAsync(), m => m.Pid == outsider.Pid && m.Status == SiloStatus.Active);
        Assert.Equal(2, (await cluster.ReadMembershipAsync()).Count(m => m.Status == SiloStatus.Active));
    }

    [Fact]
    public async Task With_a_cluster_CA_each_member_presents_its_own_certificate_and_a_peer_with_another_CAs_or_none_is_refused()
    {
        // As docs/deployment.md says: one CA, a certificate per node from `oplat certs`; and a stranger from another CA.
        using var certificates = new TempDirectory();
        foreach (var args in new[]
        {
            new[] { "certs", "ca", "--out", "ca" },
            ["certs", "node", "node-a", "--ca", "ca", "--out", "node-a"],
            ["certs", "node", "node-b", "--ca", "ca", "--out", "node-b"],
            ["certs", "ca", "--out", "other-ca"],
            ["certs", "node", "stranger", "--ca", "other-ca", "--out", "stranger"],
        })
        {
            var result = await OplatProcess.RunAsync(new Dictionary<string, string>(), certificates.Path, args);
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        Dictionary<string, string> Member(string node) => new()
        {
            ["Transport__CertificatePath"] = Path.Combine(certificates.Path, node, node + ".pfx"),
            ["Transport__CertificatePassword"] = File.ReadAllText(Path.Combine(certificates.Path, node, node + ".password")).Trim(),
            ["Transport__CertificateAuthorityPath"] = Path.Combine(certificates.Path, node, "cluster-ca.crt"),
        };

        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 1, Member("node-a"));

        // A second silo with a certificate of its own, from the same CA, joins and takes calls.
        cluster.StartSilo(Member("node-b"));
        await cluster.WaitForActiveAsync(2);

        // New grains are placed on both once the client and the first silo have seen the second join (a hang guard only).
        var silos = new HashSet<string>();
        var call = 0;
        await Eventually.ReturnsAsync(
            async () =>
            {
                silos.Add((await cluster.Client.GetGrain<ICounterGrain>($"ca-{call++}").Add(1)).Silo);
                return silos.Count;
            },
            count => count == 2,
            TimeSpan.FromSeconds(60));

        // The right secret with another CA's certificate, or with none, gets nowhere, as a silo or as a client.
        var stranger = cluster.StartSilo(Member("stranger"));
        var noCertificate = cluster.Settings.Where(kv => !kv.Key.StartsWith("Transport__Certificate", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                using var intruder = await SiloCluster.StartClientAsync(noCertificate).WaitAsync(timeout.Token);
            });
        }

        var strangerClient = cluster.Settings.Concat(Member("stranger")).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                using var intruder = await SiloCluster.StartClientAsync(strangerClient).WaitAsync(timeout.Token);
            });
        }

        Assert.DoesNotContain(await cluster.ReadMembershipAsync(), m => m.Pid == stranger.Pid && m.Status == SiloStatus.Active);
        Assert.Equal(2, (await cluster.ReadMembershipAsync()).Count(m => m.Status == SiloStatus.Active));
    }
}
