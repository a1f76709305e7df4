using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>
/// Seeds the product catalog deterministically from fixed word lists: product <c>n</c> (1-based) is always the same row.
/// Idempotent and safe on several silos at once (insert-if-absent by id), in one transaction of multi-row inserts.
/// </summary>
public static class CatalogSeeder
{
    private const int RowsPerStatement = 200;

    private static readonly string[] Adjectives =
    [
        "Compact", "Rugged", "Smart", "Wireless", "Industrial", "Portable", "Silent", "Turbo", "Eco", "Pro",
        "Mini", "Ultra", "Classic", "Digital", "Modular", "Heavy-Duty", "Solar", "Quantum", "Nano", "Dual",
    ];

    private static readonly string[] Nouns =
    [
        "Router", "Switch", "Modem", "Cable", "Adapter", "Antenna", "Server", "Monitor", "Keyboard", "Mouse",
        "Printer", "Scanner", "Speaker", "Headset", "Camera", "Charger", "Battery", "Drive", "Hub", "Firewall",
        "Tablet", "Laptop", "Projector", "Sensor", "Controller",
    ];

    private static readonly string[] Uses = ["the office", "home use", "data centres", "field work", "schools", "retail", "studios"];

    /// <summary>Product <paramref name="id"/> (1-based) as seeded.</summary>
    public static Product Describe(long id)
    {
        var k = id - 1;
        var adjective = Adjectives[k % Adjectives.Length];
        var noun = Nouns[k / Adjectives.Length % Nouns.Length];
        var model = (100 + (k % 900)).ToString(CultureInfo.InvariantCulture);
        return new Product(
            id,
            $"{adjective} {noun} {model}",
            $"{adjective} {noun.ToLowerInvariant()} for {Uses[k % Uses.Length]}.",
            Price: 500 + (k * 37 % 20000),
            Stock: 20 + (k % 80));
    }

    /// <summary>Inserts products 1..<paramref name="count"/> that are missing.</summary>
    public static async Task SeedAsync(IClusterDatabase database, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var existing = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM products WHERE id <= @Count", new { Count = count }, cancellationToken: cancellationToken));
        if (existing >= count)
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        for (var first = 1; first <= count; first += RowsPerStatement)
        {
            await InsertBatchAsync(connection, transaction, first, Math.Min(count, first + RowsPerStatement - 1), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task InsertBatchAsync(DbConnection connection, DbTransaction transaction, int first, int last, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("INSERT INTO products (id, name, description, price, stock) VALUES ");
        var parameters = new DynamicParameters();
        for (var id = first; id <= last; id++)
        {
            var product = Describe(id);
            var i = (id - first).ToString(CultureInfo.InvariantCulture);
            sql.Append(id == first ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@I{i}, @N{i}, @D{i}, @P{i}, @S{i})");
            parameters.Add("I" + i, product.Id);
            parameters.Add("N" + i, product.Name);
            parameters.Add("D" + i, product.Description);
            parameters.Add("P" + i, product.Price);
            parameters.Add("S" + i, product.Stock);
        }

        sql.Append(" ON CONFLICT (id) DO NOTHING");
        await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), parameters, transaction, cancellationToken: cancellationToken));
    }
}
