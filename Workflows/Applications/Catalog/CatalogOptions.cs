namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>The bundled catalog (section <c>Catalog</c>).</summary>
public sealed class CatalogOptions
{
    /// <summary>How many products the seeder makes at start (0: none).</summary>
    public int SeedProducts { get; set; } = 10_000;

    /// <summary>How long placing an order waits for each stock lock.</summary>
    public TimeSpan StockLockWait { get; set; } = TimeSpan.FromSeconds(10);
}
