using OrleansPlatform.Workflows.Applications.CatalogSearch;
using OrleansPlatform.Workflows.Applications.OrderEntry;
using OrleansPlatform.Workflows.Registry;

namespace OrleansPlatform.Workflows.Tests.Registry;

public sealed class ApplicationRegistryTests
{
    [Fact]
    public void The_list_gives_each_application_its_newest_version_every_version_oldest_first_its_description_and_state()
    {
        var registry = new ApplicationRegistry(
            [CatalogSearchApplication.Create("1.10"), CatalogSearchApplication.Create("1.2"), OrderEntryApplication.Create("1.0")],
            new FixedStates(ApplicationState.Draining));

        var listed = registry.List();

        Assert.Equal(["catalog-search", "order-entry"], listed.Select(a => a.Id));
        var catalog = listed[0];

        // 1.10 is newer than 1.2 (by version number, not by text).
        Assert.Equal("1.10", catalog.Version);
        Assert.Equal(["1.2", "1.10"], catalog.Versions);
        Assert.Equal(CatalogSearchApplication.Create().Description, catalog.Description);
        Assert.False(string.IsNullOrWhiteSpace(catalog.Description));
        Assert.Equal(ApplicationState.Draining, catalog.State);
        Assert.False(catalog.Enabled);
    }

    private sealed class FixedStates(ApplicationState state) : IApplicationStates
    {
        public ApplicationState StateOf(string applicationId) => state;
    }
}
