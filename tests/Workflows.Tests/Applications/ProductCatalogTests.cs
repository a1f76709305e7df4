using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Applications.Catalog;
using OrleansPlatform.Workflows.Caching;
using OrleansPlatform.Workflows.Data;
using static OrleansPlatform.Workflows.Tests.Sessions.SessionAssertions;

namespace OrleansPlatform.Workflows.Tests.Applications;

/// <summary>The catalog on a seeded database: indexed search, search results and products in the object caches, updates.</summary>
public sealed class ProductCatalogTests(TestDatabaseFixture databases) : IClassFixture<TestDatabaseFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Searches_find_exactly_the_products_whose_name_contains_the_keyword_whatever_its_case_length_or_wildcards(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var silo = await PlatformSilo.StartAsync(database);
        var catalog = silo.Services.GetRequiredService<IProductCatalog>();
        foreach (var keyword in new[] { "router", "ROUTER 12", "ro", "r", "pro ", "heavy-duty", "no such thing", "10%", "a_b", "ern s" })
        {
            var expected = Matching(keyword.Trim()).Select(p => p.Id).ToList();
            var all = new List<long>();
            var page = await catalog.SearchAsync(keyword, 50, 1, Ct);
            Assert.Equal(expected.Count, page.Total);
            for (var number = 1; (number - 1) * 50 < page.Total; number++)
            {
                all.AddRange((await catalog.SearchAsync(keyword, 50, number, Ct)).Items.Cast<Product>().Select(p => p.Id));
            }

            Assert.True(expected.SequenceEqual(all), $"'{keyword}': {all.Count} found, {expected.Count} expected");
        }
    }

    [Fact]
    public async Task On_postgres_a_keyword_search_uses_the_trigram_index()
    {
        var database = await databases.GetAsync(TestDatabases.Postgres);
        await using var silo = await PlatformSilo.StartAsync(database);
        await using var connection = await silo.Services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(Ct);
        await connection.ExecuteAsync("SET enable_seqscan = off");
        var plan = string.Join('\n', await connection.QueryAsync<string>("EXPLAIN SELECT id FROM products WHERE lower(name) LIKE '%router%' ESCAPE '\\' ORDER BY id"));
        Assert.Contains("ix_products_name_trigram", plan, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Once_a_search_and_its_products_are_cached_paging_reads_nothing_from_the_database(string provider)
    {
        var database = await databases.GetAsync(provider);
        await using var silo = await PlatformSilo.StartAsync(database);
        var catalog = silo.Services.GetRequiredService<IProductCatalog>();
        var caches = silo.Services.GetRequiredService<IObjectCaches>();
        for (var page = 1; page <= 6; page++)
        {
            await catalog.SearchAsync("switch", 5, page, Ct);
        }

        var before = (caches.Get(ProductSearchResult.Type).Statistics, caches.Get(Product.Type).Statistics);
        for (var round = 0; round < 3; round++)
        {
            for (var page = 6; page >= 1; page--)
            {
                var result = await catalog.SearchAsync("Switch", 5, page, Ct);
                Assert.Equal(5, result.Items.Count);
            }
        }

        var after = (caches.Get(ProductSearchResult.Type).Statistics, caches.Get(Product.Type).Statistics);
        Assert.Equal(before.Item1.Misses, after.Item1.Misses);
        Assert.Equal(before.Item2.Misses, after.Item2.Misses);
        Assert.Equal(before.Item1.Hits + 18, after.Item1.Hits);
        Assert.Equal(before.Item2.Hits + 90, after.Item2.Hits);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_rename_reaches_cached_searches_and_pages_at_once(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var silo = await PlatformSilo.StartAsync(database);
        var catalog = silo.Services.GetRequiredService<IProductCatalog>();
        var first = (await catalog.SearchAsync("router", 5, 1, Ct)).Items.Cast<Product>().First();
        Assert.Empty((await catalog.SearchAsync("zebra", 5, 1, Ct)).Items);

        var renamed = await catalog.UpdateAsync(first.Id, new ProductUpdate(Name: "Zebra Crossing 1"), Ct);
        Assert.Equal("Zebra Crossing 1", renamed!.Name);
        Assert.DoesNotContain((await catalog.SearchAsync("router", 5, 1, Ct)).Items.Cast<Product>(), p => p.Id == first.Id);
        Assert.Equal([first.Id], (await catalog.SearchAsync("zebra", 5, 1, Ct)).Items.Cast<Product>().Select(p => p.Id));
        Assert.Equal("Zebra Crossing 1", (await catalog.FindAsync(first.Id, Ct))!.Name);

        var restocked = await catalog.UpdateAsync(first.Id, new ProductUpdate(Stock: 7, Price: 1234), Ct);
        Assert.Equal((7L, 1234L, "Zebra Crossing 1"), (restocked!.Stock, restocked.Price, restocked.Name));
        Assert.Null(await catalog.UpdateAsync(99_999_999, new ProductUpdate(Stock: 1), Ct));
    }

    [Fact]
    public void Seeded_products_look_like_a_real_catalog_and_are_the_same_every_time()
    {
        var products = Enumerable.Range(1, 2_000).Select(i => CatalogSeeder.Describe(i)).ToList();
        Assert.All(products, p => Assert.InRange(p.Description.Length, 200, 600));
        Assert.All(products, p => Assert.InRange(p.Attributes.Count, 5, 10));
        Assert.All(products, p => Assert.StartsWith("https://", p.ImageUrl, StringComparison.Ordinal));
        Assert.True(products.Select(p => p.Description.Length).Distinct().Count() > 100, "descriptions should vary in length");
        Assert.Equal(6, products.Select(p => p.Attributes.Count).Distinct().Count());
        Assert.Equal(CatalogSeeder.Describe(777).Description, CatalogSeeder.Describe(777).Description);
        Assert.Equal(CatalogSeeder.Describe(777).Attributes, CatalogSeeder.Describe(777).Attributes);
    }
}
