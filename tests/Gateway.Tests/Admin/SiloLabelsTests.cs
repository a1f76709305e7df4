using OrleansPlatform.Grains.Silos;

namespace OrleansPlatform.Gateway.Tests.Admin;

public sealed class SiloLabelsTests
{
    [Theory]
    [InlineData("silo-2", "127.0.0.1:41763@155618965", "silo-2 (127.0.0.1:41763)")]
    [InlineData("silo-2", "127.0.0.1:41763", "silo-2 (127.0.0.1:41763)")]
    [InlineData(null, "127.0.0.1:41763@155618965", "127.0.0.1:41763")]
    [InlineData("", "[::1]:41763@1", "[::1]:41763")]
    public void A_silo_is_its_name_and_short_address(string? name, string idOrAddress, string expected) =>
        Assert.Equal(expected, SiloLabels.Of(name, idOrAddress));

    [Fact]
    public void An_id_is_looked_up_by_name_and_an_unknown_one_is_its_short_address()
    {
        var names = new Dictionary<string, string> { ["127.0.0.1:1@7"] = "silo-1" };

        Assert.Equal("silo-1 (127.0.0.1:1)", SiloLabels.Of("127.0.0.1:1@7", names));
        Assert.Equal("127.0.0.1:2", SiloLabels.Of("127.0.0.1:2@7", names));
    }
}
