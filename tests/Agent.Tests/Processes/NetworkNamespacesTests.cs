using OrleansPlatform.Agent.Processes;

namespace OrleansPlatform.Agent.Tests.Processes;

/// <summary>The names a resource's <c>NetworkNamespace</c> takes, and the start failure for a namespace that is not there.</summary>
public sealed class NetworkNamespacesTests
{
    [Theory]
    [InlineData("opA-1f2e3d", true)]
    [InlineData("silo_ns.2", true)]
    [InlineData("", false)]
    [InlineData("../etc", false)]
    [InlineData("a/b", false)]
    [InlineData(".hidden", false)]
    [InlineData("with space", false)]
    public void A_name_is_a_plain_file_name_under_run_netns(string name, bool valid) =>
        Assert.Equal(valid, NetworkNamespaces.IsValidName(name));

    [Fact]
    public void A_name_longer_than_64_characters_is_refused() =>
        Assert.False(NetworkNamespaces.IsValidName(new string('n', 65)));

    [Fact]
    public void Starting_in_a_namespace_that_does_not_exist_fails_naming_it_and_how_to_create_it()
    {
        var name = "oplat-missing-" + Guid.NewGuid().ToString("N")[..8];
        var command = new ProcessCommand("dotnet", ["Silo.dll"], System.Collections.Immutable.ImmutableDictionary<string, string>.Empty, null);

        var error = Assert.Throws<InvalidOperationException>(() => NetworkNamespaces.Wrap(command, name));

        Assert.Contains($"'{name}' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains($"ip netns add {name}", error.Message, StringComparison.Ordinal);
    }
}
