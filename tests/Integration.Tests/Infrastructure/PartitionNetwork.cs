using System.Diagnostics;
using System.Globalization;
using OrleansPlatform.Testing;
using System.Security.Cryptography;

namespace OrleansPlatform.Integration.Tests.Infrastructure;

/// <summary>
/// Network namespaces on this machine (two by default: <c>opA-…</c> and <c>opB-…</c>; up to four), each joined to the
/// root namespace by a veth pair with a /24 of its own (10.201.x.0/24); the root namespace forwards between them, so the
/// sides reach each other, and each reaches services in the root namespace (PostgreSQL, the Gateway), only through its
/// own link. Cutting a
/// side sets its root-side veth down: that side then reaches nothing. Names are random, so a leftover from a crashed
/// run cannot collide; disposing deletes the namespaces and veths and restores <c>net.ipv4.ip_forward</c>.
/// Needs root (the tests run as root).
/// </summary>
public sealed class PartitionNetwork : IAsyncDisposable
{
    /// <summary>Every address this helper uses (for PostgreSQL's pg_hba.conf).</summary>
    public const string Range = "10.201.0.0/16";

    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(20);
    private readonly List<Side> sides = [];
    private string? previousForwarding;

    private PartitionNetwork()
    {
    }

    public Side A => sides[0];

    public Side B => sides[1];

    /// <summary>Every side, in order (A, B, C, ...).</summary>
    public IReadOnlyList<Side> Sides => sides;

    /// <summary>Creates <paramref name="count"/> sides (2 to 4) and turns forwarding on.</summary>
    public static async Task<PartitionNetwork> CreateAsync(int count = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 4);
        var network = new PartitionNetwork();
        try
        {
            var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
            var used = await RunAsync("ip", "-4", "-o", "addr", "show");

            // A block of four /24s, none in use (another run's leftover, or a test running beside this one).
            var octet = Enumerable.Range(0, 20).Select(_ => RandomNumberGenerator.GetInt32(0, 64) * 4)
                .First(o => Enumerable.Range(o, count).All(n => !used.Contains($"10.201.{n}.", StringComparison.Ordinal)));
            network.previousForwarding = (await File.ReadAllTextAsync("/proc/sys/net/ipv4/ip_forward")).Trim();
            foreach (var (letter, subnet) in Enumerable.Range(0, count).Select(i => (((char)('a' + i)).ToString(), octet + i)))
            {
                var side = new Side($"op{letter.ToUpperInvariant()}-{suffix}", $"op{letter}{suffix}r", $"op{letter}{suffix}n", $"10.201.{subnet}.1", $"10.201.{subnet}.2");
                network.sides.Add(side);
                await RunAsync("ip", "netns", "add", side.Namespace);
                await RunAsync("ip", "link", "add", side.RootVeth, "type", "veth", "peer", "name", side.InnerVeth);
                await RunAsync("ip", "link", "set", side.InnerVeth, "netns", side.Namespace);
                await RunAsync("ip", "addr", "add", side.RootAddress + "/24", "dev", side.RootVeth);
                await RunAsync("ip", "link", "set", side.RootVeth, "up");
                await RunAsync("ip", "-n", side.Namespace, "addr", "add", side.Address + "/24", "dev", side.InnerVeth);
                await RunAsync("ip", "-n", side.Namespace, "link", "set", side.InnerVeth, "up");
                await RunAsync("ip", "-n", side.Namespace, "link", "set", "lo", "up");
                await RunAsync("ip", "-n", side.Namespace, "route", "add", "default", "via", side.RootAddress);
            }

            await File.WriteAllTextAsync("/proc/sys/net/ipv4/ip_forward", "1");
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>The side whose namespace holds <paramref name="address"/>.</summary>
    public Side SideOf(string address) => sides.Single(s => s.Address == address);

    /// <summary>How to start a silo inside <paramref name="side"/>, advertising its address there.</summary>
    public static SiloCluster.SiloLaunch Launch(Side side) =>
        new(new Dictionary<string, string> { ["Silo__Host"] = side.Address }, ["ip", "netns", "exec", side.Namespace]);

    /// <summary>Cuts <paramref name="side"/> off: it reaches neither the other side nor the root namespace.</summary>
    public Task CutAsync(Side side) => RunAsync("ip", "link", "set", side.RootVeth, "down");

    /// <summary>Heals the link of <paramref name="side"/>.</summary>
    public Task HealAsync(Side side) => RunAsync("ip", "link", "set", side.RootVeth, "up");

    public async ValueTask DisposeAsync()
    {
        // Each step on its own: one that fails (a half-built network) does not leave the rest behind.
        foreach (var side in sides)
        {
            await TryRunAsync("ip", "link", "del", side.RootVeth);
            await TryRunAsync("ip", "netns", "del", side.Namespace);
        }

        if (previousForwarding is not null)
        {
            await File.WriteAllTextAsync("/proc/sys/net/ipv4/ip_forward", previousForwarding);
        }
    }

    private static async Task TryRunAsync(params string[] args)
    {
        try
        {
            await RunAsync(args[0], args[1..]);
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static Task<string> RunAsync(string program, params string[] args) => ToolCommand.RunAsync(program, args, s_commandTimeout);

    /// <summary>One side: its namespace, the veth pair's two ends, and the two addresses of its /24.</summary>
    public sealed record Side(string Namespace, string RootVeth, string InnerVeth, string RootAddress, string Address);
}
