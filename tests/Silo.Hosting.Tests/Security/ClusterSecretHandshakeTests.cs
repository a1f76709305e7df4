using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrleansPlatform.Silo.Hosting.Security;

namespace OrleansPlatform.Silo.Hosting.Tests.Security;

/// <summary>The cluster-secret handshake between two ends of an in-memory duplex connection.</summary>
public sealed class ClusterSecretHandshakeTests
{
    private const string Secret = "a-cluster-secret-of-some-length";

    [Fact]
    public async Task Both_ends_with_the_secret_pass_and_what_follows_the_handshake_reaches_the_next_reader_intact()
    {
        var (accepting, connecting) = Connection();
        var server = Handshake(Secret).ProveAsync(accepting, accepting: true, default);
        var client = Handshake(Secret).ProveAsync(connecting, accepting: false, default);

        // Orleans' preamble is written right after the handshake; it must not be consumed by it.
        await connecting.Output.WriteAsync(Encoding.ASCII.GetBytes("orleans-preamble"));

        Assert.True(await client);
        Assert.True(await server);
        var next = await accepting.Input.ReadAtLeastAsync(16);
        Assert.Equal("orleans-preamble", Encoding.ASCII.GetString(next.Buffer.Slice(0, 16).ToArray()));
    }

    [Fact]
    public async Task A_peer_with_another_secret_is_refused_by_both_ends()
    {
        var (accepting, connecting) = Connection();
        var server = Handshake(Secret).ProveAsync(accepting, accepting: true, default);
        var client = Handshake("another-secret-of-some-length").ProveAsync(connecting, accepting: false, default);

        Assert.False(await server);
        Assert.False(await client);
    }

    [Fact]
    public async Task A_peer_that_sends_something_else_is_refused()
    {
        var (accepting, connecting) = Connection();
        var server = Handshake(Secret).ProveAsync(accepting, accepting: true, default);
        await connecting.Output.WriteAsync(new byte[37]);
        await connecting.Output.CompleteAsync();

        Assert.False(await server);
    }

    [Fact]
    public async Task A_proof_reflected_back_to_its_sender_does_not_pass()
    {
        // A man in the middle who mirrors everything the server sends: nonce and proof come back, but the proof names
        // the server's role, so the server refuses it.
        var (accepting, mirror) = Connection();
        var server = Handshake(Secret).ProveAsync(accepting, accepting: true, default);
        var hello = await mirror.Input.ReadAtLeastAsync(37);
        var helloBytes = hello.Buffer.Slice(0, 37).ToArray();
        mirror.Input.AdvanceTo(hello.Buffer.GetPosition(37));
        await mirror.Output.WriteAsync(helloBytes);
        var proof = await mirror.Input.ReadAtLeastAsync(32);
        var proofBytes = proof.Buffer.Slice(0, 32).ToArray();
        mirror.Input.AdvanceTo(proof.Buffer.GetPosition(32));
        await mirror.Output.WriteAsync(proofBytes);

        Assert.False(await server);
    }

    [Fact]
    public async Task A_silent_peer_is_cut_off_when_the_handshake_times_out()
    {
        var clock = new FakeTimeProvider();
        var (accepting, _) = Connection();
        var handshake = new ClusterSecretHandshake(Secret, TimeSpan.FromSeconds(5), clock, NullLogger.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), clock);
        var server = handshake.ProveAsync(accepting, accepting: true, timeout.Token);
        Assert.False(server.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server);
    }

    private static ClusterSecretHandshake Handshake(string secret) => new(secret, TimeSpan.FromSeconds(5), TimeProvider.System, NullLogger.Instance);

    private static (IDuplexPipe A, IDuplexPipe B) Connection()
    {
        var aToB = new Pipe();
        var bToA = new Pipe();
        return (new DuplexPipe(bToA.Reader, aToB.Writer), new DuplexPipe(aToB.Reader, bToA.Writer));
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
