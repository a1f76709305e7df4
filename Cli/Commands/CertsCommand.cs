using System.CommandLine;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OrleansPlatform.Cli.Output;
using OrleansPlatform.Silo.Hosting.Security;

namespace OrleansPlatform.Cli.Commands;

/// <summary>
/// <c>oplat certs ca --out DIR</c> and <c>oplat certs node NAME --ca DIR --out DIR [--dns N] [--ip A]</c>: the cluster CA
/// and one certificate per node for mutual TLS between members (see <see cref="ClusterCertificateAuthority"/>). Works
/// offline, on files: keys are written readable by their owner only, and an existing file is never overwritten.
/// </summary>
internal static class CertsCommand
{
    /// <summary>The CA's certificate (public: every member reads it as Transport:CertificateAuthorityPath).</summary>
    public const string AuthorityCertificateFile = "cluster-ca.crt";

    /// <summary>The CA's private key (keep it off the nodes: it only signs).</summary>
    public const string AuthorityKeyFile = "cluster-ca.key";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static Command Create(Terminal terminal, CliEnvironment environment, TimeProvider time)
    {
        var certs = new Command("certs", "Certificates for mutual TLS between members: a cluster CA, and one certificate per node signed by it");
        certs.Add(CreateAuthorityCommand(terminal, environment, time));
        certs.Add(CreateNodeCommand(terminal, environment, time));
        return certs;
    }

    private static Command CreateAuthorityCommand(Terminal terminal, CliEnvironment environment, TimeProvider time)
    {
        var output = OutOption("The directory for cluster-ca.crt and cluster-ca.key (created if missing)");
        var name = new Option<string>("--name") { Description = "The CA's common name", DefaultValueFactory = _ => "orleansplatform-cluster-ca" };
        var days = DaysOption(3650);
        var command = new Command("ca", "Create the cluster CA: cluster-ca.crt (give it to every member) and cluster-ca.key (keep it where certificates are issued)") { output, name, days };
        command.SetAction(parse => Run(terminal, () =>
        {
            var directory = Resolve(environment, parse.GetRequiredValue(output));
            var certificatePath = Path.Combine(directory, AuthorityCertificateFile);
            var keyPath = Path.Combine(directory, AuthorityKeyFile);
            RefuseExisting(certificatePath, keyPath);
            using var authority = ClusterCertificateAuthority.CreateAuthority(parse.GetRequiredValue(name), time.GetUtcNow(), TimeSpan.FromDays(parse.GetValue(days)));
            using var key = authority.GetECDsaPrivateKey()!;
            Directory.CreateDirectory(directory);
            Write(keyPath, key.ExportPkcs8PrivateKeyPem(), OwnerOnly);
            Write(certificatePath, authority.ExportCertificatePem(), null);
            terminal.Output.WriteLine($"cluster CA '{authority.GetNameInfo(X509NameType.SimpleName, false)}' valid until {authority.NotAfter.ToUniversalTime():yyyy-MM-dd}: {certificatePath}, key {keyPath} (owner only)");
        }));
        return command;
    }

    private static Command CreateNodeCommand(Terminal terminal, CliEnvironment environment, TimeProvider time)
    {
        var node = Names.Required("name", "The node's name (letters, digits, '.', '-'): its certificate's common name and first DNS name");
        var authorityDirectory = new Option<string>("--ca") { Description = "The directory with cluster-ca.crt and cluster-ca.key", Required = true, HelpName = "dir" };
        var output = OutOption("The directory for NAME.pfx, NAME.password and cluster-ca.crt (created if missing)");
        var dns = new Option<string[]>("--dns") { Description = "Another DNS name of the node (repeatable)", AllowMultipleArgumentsPerToken = false, HelpName = "name" };
        var ip = new Option<string[]>("--ip") { Description = "An IP address of the node (repeatable)", HelpName = "address" };
        var days = DaysOption(825);
        var command = new Command("node", "Issue a node's certificate from the cluster CA: NAME.pfx with its password in NAME.password (owner only)") { node, authorityDirectory, output, dns, ip, days };
        command.SetAction(parse => Run(terminal, () =>
        {
            var name = parse.GetRequiredValue(node);
            if (name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
            {
                throw new UsageException($"'{name}' is not a node name: use letters, digits, '.' and '-' (at most 64).");
            }

            var addresses = (parse.GetValue(ip) ?? []).Select(a => IPAddress.TryParse(a, out var parsed) ? parsed : throw new UsageException($"--ip '{a}' is not an IP address.")).ToList();
            var caDirectory = Resolve(environment, parse.GetRequiredValue(authorityDirectory));
            var directory = Resolve(environment, parse.GetRequiredValue(output));
            var pfxPath = Path.Combine(directory, name + ".pfx");
            var passwordPath = Path.Combine(directory, name + ".password");
            RefuseExisting(pfxPath, passwordPath);
            using var authority = LoadAuthority(caDirectory);
            using var issued = ClusterCertificateAuthority.IssueNode(authority, name, parse.GetValue(dns) ?? [], addresses, time.GetUtcNow(), TimeSpan.FromDays(parse.GetValue(days)));
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
            Directory.CreateDirectory(directory);
            Write(passwordPath, password, OwnerOnly);
            Write(pfxPath, issued.Export(X509ContentType.Pfx, password), OwnerOnly);
            var authorityCopy = Path.Combine(directory, AuthorityCertificateFile);
            if (!File.Exists(authorityCopy))
            {
                Write(authorityCopy, authority.ExportCertificatePem(), null);
            }

            terminal.Output.WriteLine($"node '{name}' valid until {issued.NotAfter.ToUniversalTime():yyyy-MM-dd}: {pfxPath} (password in {passwordPath}, owner only); its members set Transport:CertificatePath, Transport:CertificatePassword and Transport:CertificateAuthorityPath={authorityCopy}");
        }));
        return command;
    }

    private static X509Certificate2 LoadAuthority(string directory)
    {
        var certificatePath = Path.Combine(directory, AuthorityCertificateFile);
        var keyPath = Path.Combine(directory, AuthorityKeyFile);
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            throw new RefusedException($"{directory} has no cluster CA ({AuthorityCertificateFile} and {AuthorityKeyFile}); create one with 'oplat certs ca --out {directory}'.");
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (CryptographicException exception)
        {
            throw new RefusedException($"the cluster CA in {directory} could not be read ({exception.Message}).");
        }
    }

    private static Option<string> OutOption(string description) => new("--out") { Description = description, Required = true, HelpName = "dir" };

    private static Option<int> DaysOption(int defaultDays)
    {
        var days = new Option<int>("--days") { Description = $"Validity in days (default {defaultDays})", DefaultValueFactory = _ => defaultDays };
        days.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 36500)
            {
                result.AddError("--days must be from 1 to 36500");
            }
        });
        return days;
    }

    private static string Resolve(CliEnvironment environment, string path) => Path.GetFullPath(Path.Combine(environment.CurrentDirectory, path));

    private static void RefuseExisting(params string[] paths)
    {
        foreach (var path in paths.Where(File.Exists))
        {
            throw new RefusedException($"{path} exists; oplat certs never overwrites a certificate or a key (move it away first).");
        }
    }

    private static void Write(string path, string text, UnixFileMode? mode) => Write(path, System.Text.Encoding.ASCII.GetBytes(text + "\n"), mode);

    // Created here or not at all (CreateNew), with its mode set at creation: a key is never readable by others, even briefly.
    private static void Write(string path, byte[] content, UnixFileMode? mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (mode is { } unix && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = unix;
        }

        using var file = new FileStream(path, options);
        file.Write(content);
    }

    private static int Run(Terminal terminal, Action action)
    {
        try
        {
            action();
            return ExitCodes.Success;
        }
        catch (UsageException exception)
        {
            terminal.Fail(exception.Message);
            return ExitCodes.Usage;
        }
        catch (Exception exception) when (exception is RefusedException or IOException or UnauthorizedAccessException)
        {
            terminal.Fail(exception.Message);
            return ExitCodes.Refused;
        }
    }

    private sealed class UsageException(string message) : Exception(message);

    private sealed class RefusedException(string message) : Exception(message);
}
