using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.Tests.Grains;

namespace OrleansPlatform.Runtime.Tests.Catalog;

public sealed class GrainInterfaceRegistryTests
{
    [Fact]
    public async Task Concurrent_first_lookups_all_find_the_generated_metadata()
    {
        for (var round = 0; round < 20; round++)
        {
            var registry = new GrainInterfaceRegistry();
            using var start = new ManualResetEventSlim();
            var lookups = Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            {
                start.Wait();
                return registry.Get(typeof(IChainGrain)).InterfaceName;
            })).ToArray();
            start.Set();

            Assert.All(await Task.WhenAll(lookups), name => Assert.EndsWith("IChainGrain", name, StringComparison.Ordinal));
        }
    }
}
