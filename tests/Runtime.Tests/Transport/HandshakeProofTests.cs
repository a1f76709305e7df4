using OrleansPlatform.Runtime.Transport;

namespace OrleansPlatform.Runtime.Tests.Transport;

public class HandshakeProofTests
{
    private static readonly byte[] Key = HandshakeProof.DeriveKey("0123456789abcdef-secret");
    private static readonly byte[] Nonce = HandshakeProof.CreateNonce();

    [Fact]
    public void Proof_computed_with_the_same_inputs_verifies()
    {
        var proof = HandshakeProof.Compute(Key, HandshakeRole.Client, "c", "a", "b", Nonce);

        Assert.Equal(HandshakeProof.ProofSize, proof.Length);
        Assert.True(HandshakeProof.Verify(Key, HandshakeRole.Client, "c", "a", "b", Nonce, proof));
    }

    [Fact]
    public void Proof_with_another_secret_fails()
    {
        var proof = HandshakeProof.Compute(HandshakeProof.DeriveKey("another-secret-0123456"), HandshakeRole.Client, "c", "a", "b", Nonce);

        Assert.False(HandshakeProof.Verify(Key, HandshakeRole.Client, "c", "a", "b", Nonce, proof));
    }

    [Fact]
    public void Proof_is_bound_to_nonce_ids_cluster_and_role()
    {
        var proof = HandshakeProof.Compute(Key, HandshakeRole.Client, "c", "a", "b", Nonce);

        Assert.False(HandshakeProof.Verify(Key, HandshakeRole.Client, "c", "a", "b", HandshakeProof.CreateNonce(), proof));
        Assert.False(HandshakeProof.Verify(Key, HandshakeRole.Client, "c", "b", "a", Nonce, proof));
        Assert.False(HandshakeProof.Verify(Key, HandshakeRole.Client, "other", "a", "b", Nonce, proof));
        Assert.False(HandshakeProof.Verify(Key, HandshakeRole.Server, "c", "a", "b", Nonce, proof));
    }

    [Fact]
    public void Ids_are_length_prefixed_so_boundaries_cannot_shift()
    {
        var proof = HandshakeProof.Compute(Key, HandshakeRole.Client, "c", "ab", "c", Nonce);

        Assert.False(HandshakeProof.Verify(Key, HandshakeRole.Client, "c", "a", "bc", Nonce, proof));
    }

    [Fact]
    public void Truncated_or_empty_proof_fails()
    {
        var proof = HandshakeProof.Compute(Key, HandshakeRole.Client, "c", "a", "b", Nonce);

        Assert.False(HandshakeProof.Verify(Key, HandshakeRole.Client, "c", "a", "b", Nonce, proof.AsSpan(0, 31)));
        Assert.False(HandshakeProof.Verify(Key, HandshakeRole.Client, "c", "a", "b", Nonce, []));
    }

    [Fact]
    public void Nonces_are_random()
    {
        Assert.NotEqual(HandshakeProof.CreateNonce(), HandshakeProof.CreateNonce());
    }
}
