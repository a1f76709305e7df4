using System.Security.Cryptography.X509Certificates;
using OrleansPlatform.Silo.Hosting.Security;

namespace OrleansPlatform.Cli.Tests.Commands;

/// <summary><c>oplat certs</c> on real files: a CA, node certificates it signs, owner-only keys, nothing overwritten.</summary>
public sealed class CertsCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oplat-certs-").FullName;

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_node_certificate_chains_to_its_own_cluster_CA_only_and_serves_both_ends_of_a_connection()
    {
        Assert.Equal(ExitCodes.Success, (await RunAsync("certs", "ca", "--out", "ca")).ExitCode);
        Assert.Equal(ExitCodes.Success, (await RunAsync("certs", "node", "node-1", "--ca", "ca", "--out", "node-1", "--ip", "10.0.0.11", "--dns", "node-1.internal")).ExitCode);
        Assert.Equal(ExitCodes.Success, (await RunAsync("certs", "ca", "--out", "other-ca")).ExitCode);
        Assert.Equal(ExitCodes.Success, (await RunAsync("certs", "node", "stranger", "--ca", "other-ca", "--out", "stranger")).ExitCode);

        using var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_directory, "node-1", "cluster-ca.crt"));
        using var otherAuthority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_directory, "other-ca", "cluster-ca.crt"));
        using var node = LoadNode("node-1");
        using var stranger = LoadNode("stranger");
        Assert.True(node.HasPrivateKey);
        Assert.False(authority.HasPrivateKey);
        Assert.True(ClusterCertificateAuthority.IsIssuedBy(node, authority));
        Assert.False(ClusterCertificateAuthority.IsIssuedBy(node, otherAuthority));
        Assert.False(ClusterCertificateAuthority.IsIssuedBy(stranger, authority));

        var usages = node.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).ToList();
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], usages);
        var names = node.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["node-1", "node-1.internal"], names.EnumerateDnsNames());
        Assert.Equal(["10.0.0.11"], names.EnumerateIPAddresses().Select(a => a.ToString()));
        Assert.False(node.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);

        foreach (var secret in new[] { Path.Combine("ca", "cluster-ca.key"), Path.Combine("node-1", "node-1.pfx"), Path.Combine("node-1", "node-1.password") })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, secret)));
        }
    }

    [Fact]
    public async Task Nothing_is_overwritten_a_missing_CA_is_named_and_a_bad_name_or_address_is_bad_usage()
    {
        Assert.Equal(ExitCodes.Success, (await RunAsync("certs", "ca", "--out", "ca")).ExitCode);
        var key = await File.ReadAllTextAsync(Path.Combine(_directory, "ca", "cluster-ca.key"));
        var again = await RunAsync("certs", "ca", "--out", "ca");
        Assert.Equal(ExitCodes.Refused, again.ExitCode);
        Assert.Contains("never overwrites", again.Error, StringComparison.Ordinal);
        Assert.Equal(key, await File.ReadAllTextAsync(Path.Combine(_directory, "ca", "cluster-ca.key")));

        var noCa = await RunAsync("certs", "node", "node-1", "--ca", "missing", "--out", "node-1");
        Assert.Equal(ExitCodes.Refused, noCa.ExitCode);
        Assert.Contains("oplat certs ca --out", noCa.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, (await RunAsync("certs", "node", "../evil", "--ca", "ca", "--out", "x")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await RunAsync("certs", "node", "node-1", "--ca", "ca", "--out", "x", "--ip", "not-an-ip")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await RunAsync("certs", "ca", "--out", "y", "--days", "0")).ExitCode);
        Assert.False(Directory.Exists(Path.Combine(_directory, "x")));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private X509Certificate2 LoadNode(string name) =>
        X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(_directory, name, name + ".pfx"), File.ReadAllText(Path.Combine(_directory, name, name + ".password")).Trim());

    private async Task<(int ExitCode, string Error)> RunAsync(params string[] args)
    {
        var terminal = new TestTerminal();
        var exitCode = await new OplatCommandLine(terminal.Terminal, new CliEnvironment(_ => null, _directory)).RunAsync(args);
        return (exitCode, string.Join('\n', terminal.ErrorLines));
    }
}
