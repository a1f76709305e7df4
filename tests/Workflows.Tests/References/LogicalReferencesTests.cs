using System.Text.Json;
using OrleansPlatform.Workflows.Pools;
using OrleansPlatform.Workflows.References;

namespace OrleansPlatform.Workflows.Tests.References;

public sealed class LogicalReferencesTests
{
    private sealed record Widget(string EntityKey, string Colour) : IEntity
    {
        public string EntityType => "widget";
    }

    private sealed record Note(string Text, int Stars);

    private sealed class Widgets : IEntityLoader
    {
        public int Loads { get; private set; }

        public string EntityType => "widget";

        public Task<IEntity?> LoadAsync(string key, CancellationToken cancellationToken)
        {
            Loads++;
            return Task.FromResult<IEntity?>(new Widget(key, "blue"));
        }
    }

    [Fact]
    public async Task Pools_round_trip_through_canonical_forms_and_rebuild_by_reloading()
    {
        var loader = new Widgets();
        var loaders = new EntityLoaders([loader]);
        var references = new LogicalReferences([new EntityReferenceCodec(loaders), new CartCodec(loaders), new QueryPageCodec([])]);
        var serializer = new PoolSerializer(references);
        var pools = new GlobalPool();
        var cart = new Cart("widget");
        cart.Add(new Widget("w1", "red"), 2);
        cart.Add(new Widget("w2", "red"), 5);
        cart.Add(new Widget("w1", "red"), 1);
        pools.Application.Set("cart", cart);
        pools.Composites.Add(new CompositeStepPool("app") { CurrentStep = "ask", EnteredPort = "show" });
        pools.Current.Values.Set("i", 10L);
        pools.Current.Values.Set("s", "abc");
        pools.Current.Values.Set("favourite", new Widget("w9", "red"));
        pools.Interactive.Set("note", new Note("raw", 4));

        var encoded = serializer.Encode(pools);
        var json = encoded.Json.GetRawText();
        Assert.Contains("[\"c\",\"widget\",[\"w1\",3],[\"w2\",5]]", json, StringComparison.Ordinal);
        Assert.Contains("\"favourite\":[\"e\",\"widget\",\"w9\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"i\":10", json, StringComparison.Ordinal);
        Assert.Contains("[\"raw\",", json, StringComparison.Ordinal);
        Assert.Equal(5, encoded.Entries.Count);

        var rebuilt = await serializer.DecodeAsync(JsonDocument.Parse(json).RootElement, CancellationToken.None);

        Assert.Equal(3, loader.Loads);
        Assert.Equal([("w1", 3L), ("w2", 5L)], rebuilt.Application.Get<Cart>("cart")!.Lines.Select(l => (l.Item.EntityKey, l.Quantity)));
        Assert.Equal("blue", rebuilt.Current.Values.Get<Widget>("favourite")!.Colour);
        Assert.Equal((10L, "abc"), (rebuilt.Current.Values.Get<long>("i"), rebuilt.Current.Values.Get<string>("s")));
        Assert.Equal(("ask", "show"), (rebuilt.Current.CurrentStep, rebuilt.Current.EnteredPort));
        Assert.Equal(new Note("raw", 4), rebuilt.Interactive.Get<Note>("note"));
        await Assert.ThrowsAsync<ReferenceRebuildException>(() => references.DecodeAsync(JsonDocument.Parse("[\"p\",\"nope\",\"x\",5,1]").RootElement, CancellationToken.None));
    }
}
