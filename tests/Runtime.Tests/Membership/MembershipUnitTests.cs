using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Membership;

namespace OrleansPlatform.Runtime.Tests.Membership;

public sealed class MembershipUnitTests
{
    [Fact]
    public void Default_options_are_valid()
    {
        Assert.True(new MembershipOptionsValidator().Validate(null, new MembershipOptions()).Succeeded);
    }

    [Theory]
    [InlineData(3000, 3000)]
    [InlineData(4000, 3000)]
    public void A_lease_not_shorter_than_the_death_timeout_is_rejected(int leaseMs, int deathMs)
    {
        var result = new MembershipOptionsValidator().Validate(null, new MembershipOptions
        {
            LeaseDuration = TimeSpan.FromMilliseconds(leaseMs),
            DeathTimeout = TimeSpan.FromMilliseconds(deathMs),
        });

        Assert.True(result.Failed);
        Assert.Contains("Membership:LeaseDuration", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("must be shorter than Membership:DeathTimeout", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_heartbeat_interval_of_half_the_lease_or_more_and_nonsense_values_are_rejected()
    {
        var result = new MembershipOptionsValidator().Validate(null, new MembershipOptions
        {
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            ProbeTimeout = TimeSpan.Zero,
            VotesForDeath = 0,
        });

        Assert.True(result.Failed);
        Assert.Contains("Membership:HeartbeatInterval", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Membership:ProbeTimeout must be positive", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Membership:VotesForDeath must be at least 1", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_validates_options_with_a_clear_message()
    {
        var services = new ServiceCollection();
        services.AddMembershipReader(o => o.LeaseDuration = TimeSpan.FromSeconds(5));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MembershipOptions>>().Value);
        Assert.Contains("LeaseDuration", error.Message, StringComparison.Ordinal);
        Assert.Contains("DeathTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_json_round_trips_and_tolerates_missing_members()
    {
        var load = new SiloLoad(3, 2, 10, 0.75);
        Assert.Equal(load, MembershipJson.ParseLoad(MembershipJson.FormatLoad(load)));
        Assert.Equal(SiloLoad.Empty, MembershipJson.ParseLoad("{}"));
        Assert.Equal(SiloLoad.Empty, MembershipJson.ParseLoad(null));
        Assert.Equal(new SiloLoad(5, 0, 0, 1.0), MembershipJson.ParseLoad("{\"activations\":5}"));
        Assert.ThrowsAny<JsonException>(() => MembershipJson.ParseLoad("not json"));
        Assert.ThrowsAny<JsonException>(() => MembershipJson.ParseLoad("[1]"));
        Assert.ThrowsAny<JsonException>(() => MembershipJson.ParseLoad("{\"activations\":\"x\"}"));
    }

    [Fact]
    public void Suspicion_json_round_trips_and_rejects_wrong_shapes()
    {
        Suspicion[] suspicions = [new("a:1@1", 10), new("b:2@2", 20)];
        Assert.Equal(suspicions, MembershipJson.ParseSuspicions(MembershipJson.FormatSuspicions(suspicions)));
        Assert.Empty(MembershipJson.ParseSuspicions("[]"));
        Assert.ThrowsAny<JsonException>(() => MembershipJson.ParseSuspicions("{\"by\":\"a\"}"));
        Assert.ThrowsAny<JsonException>(() => MembershipJson.ParseSuspicions("[{\"by\":1,\"atMs\":2}]"));
    }

    [Fact]
    public void A_snapshot_finds_silos_and_tells_the_dead_and_the_absent()
    {
        var active = Entry("127.0.0.1:1@1", SiloStatus.Active);
        var dead = Entry("127.0.0.1:2@1", SiloStatus.Dead);
        var joining = Entry("127.0.0.1:3@1", SiloStatus.Joining);
        var snapshot = new MembershipSnapshot(5, [active, dead, joining], 1000);

        Assert.Same(active, snapshot.Find("127.0.0.1:1@1"));
        Assert.Equal([active], snapshot.ActiveSilos);
        Assert.False(snapshot.IsDead("127.0.0.1:1@1"));
        Assert.False(snapshot.IsDead("127.0.0.1:3@1"));
        Assert.True(snapshot.IsDead("127.0.0.1:2@1"));
        Assert.True(snapshot.IsDead("127.0.0.1:9@1"));
        Assert.Empty(MembershipSnapshot.Empty.Silos);
        Assert.Equal(0, MembershipSnapshot.Empty.Version);
    }

    [Fact]
    public void The_notification_channel_is_a_safe_identifier_for_any_cluster_id()
    {
        var channel = MembershipTable.ChannelOf("Weird \"cluster\"; DROP TABLE x; -- é");
        Assert.Matches("^membership_[0-9a-f]{32}$", channel);
        Assert.NotEqual(channel, MembershipTable.ChannelOf("other"));
        Assert.Equal(channel, MembershipTable.ChannelOf("Weird \"cluster\"; DROP TABLE x; -- é"));
    }

    private static SiloEntry Entry(string id, SiloStatus status) =>
        new(SiloAddress.Parse(id), "n", status, 1, "r", 0, 0, SiloLoad.Empty, "", []);
}
