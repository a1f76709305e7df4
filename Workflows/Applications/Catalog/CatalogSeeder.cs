using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>
/// Seeds the product catalog deterministically from fixed word lists: product <c>n</c> (1-based) is always the same row,
/// shaped like a real catalog's: a name, a description of 200–600 characters, 5–10 attributes, an image URL, price and
/// stock. Idempotent, and done once when several silos start at once: the seed is one transaction of multi-row inserts
/// under a database-wide lock (<see cref="ExclusiveTransactions"/>), so the first silo seeds and the others, waiting
/// for its commit, find the rows there and insert nothing.
/// </summary>
public static class CatalogSeeder
{
    /// <summary>The PostgreSQL advisory lock key that guards seeding ("OPCATSED" in ASCII).</summary>
    internal const long PostgresLockKey = 0x4F50_4341_5453_4544;

    private const int RowsPerStatement = 100;
    private const int MinDescription = 200;
    private const int MaxDescription = 600;

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

    private static readonly string[] Sentences =
    [
        "Built for {0}, it keeps working where lesser equipment gives up.",
        "The housing is made of recycled aluminium and survives drops from desk height.",
        "Setup takes minutes: plug it in, follow the guided assistant and you are done.",
        "Firmware updates arrive automatically and never interrupt your work.",
        "A low-power mode halves its energy use overnight without losing connections.",
        "Every unit is tested for 48 hours before it leaves the factory.",
        "Its status light tells you at a glance whether everything is in order.",
        "Mounting brackets for walls and racks are included in the box.",
        "The companion app shows usage, alerts and history on any phone.",
        "Support is available around the clock, in twelve languages.",
        "Accessories from the previous generation fit without adapters.",
        "Independent reviewers rated it best in class for reliability.",
    ];

    private static readonly (string Name, string[] Values)[] AttributeKinds =
    [
        ("Colour", ["black", "white", "silver", "graphite", "blue", "red"]),
        ("Weight", ["120 g", "350 g", "780 g", "1.2 kg", "2.4 kg", "5.1 kg"]),
        ("Warranty", ["1 year", "2 years", "3 years", "5 years"]),
        ("Power", ["USB-C 5 V", "12 V DC", "100-240 V AC", "PoE+", "battery"]),
        ("Dimensions", ["10 x 6 x 2 cm", "22 x 15 x 4 cm", "44 x 30 x 5 cm", "48 x 44 x 9 cm"]),
        ("Material", ["aluminium", "ABS plastic", "steel", "recycled polymer"]),
        ("Connectivity", ["Wi-Fi 6", "Bluetooth 5.3", "Gigabit Ethernet", "10 GbE", "LTE"]),
        ("Certification", ["CE", "FCC", "UL", "RoHS", "IP67"]),
        ("Origin", ["Germany", "Taiwan", "Japan", "Mexico", "Poland"]),
        ("Operating temperature", ["0-40 °C", "-20-60 °C", "-40-85 °C"]),
    ];

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
            Description(k, adjective, noun),
            Price: 500 + (k * 37 % 20000),
            Stock: 20 + (k % 80),
            Attributes(k),
            $"https://img.example.com/products/{id.ToString("D6", CultureInfo.InvariantCulture)}.webp");
    }

    /// <summary>Inserts products 1..<paramref name="count"/> that are missing; how many it inserted (0 when another silo had seeded them).</summary>
    public static async Task<int> SeedAsync(IClusterDatabase database, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);

        // The common case (a restart, a silo joining a seeded cluster) reads one count and takes no lock.
        if (await CountAsync(connection, null, count, cancellationToken) >= count)
        {
            return 0;
        }

        await using var transaction = await ExclusiveTransactions.BeginAsync(connection, PostgresLockKey, cancellationToken);
        var existing = await CountAsync(connection, transaction, count, cancellationToken);
        if (existing >= count)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        for (var first = 1; first <= count; first += RowsPerStatement)
        {
            await InsertBatchAsync(connection, transaction, first, Math.Min(count, first + RowsPerStatement - 1), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return count - (int)existing;
    }

    private static Task<long> CountAsync(DbConnection connection, DbTransaction? transaction, int count, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM products WHERE id <= @Count", new { Count = count }, transaction, cancellationToken: cancellationToken));

    // A target length between the bounds, filled with whole sentences picked by the id, cut at a word.
    private static string Description(long k, string adjective, string noun)
    {
        var target = MinDescription + (int)(k * 7919 % (MaxDescription - MinDescription + 1));
        var text = new StringBuilder(MaxDescription + 80);
        text.Append(CultureInfo.InvariantCulture, $"The {adjective} {noun} is designed for {Uses[k % Uses.Length]}.");
        for (var i = 0; text.Length < target; i++)
        {
            var sentence = Sentences[(int)((k + (i * 5)) % Sentences.Length)];
            text.Append(' ').Append(string.Format(CultureInfo.InvariantCulture, sentence, Uses[(k + i) % Uses.Length]));
        }

        if (text.Length > target)
        {
            var cut = text.ToString(0, target - 1).LastIndexOf(' ');
            text.Length = Math.Max(MinDescription - 1, cut);
            text.Append('.');
        }

        return text.ToString();
    }

    private static Dictionary<string, string> Attributes(long k)
    {
        var count = 5 + (int)(k % 6);
        var attributes = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var (name, values) = AttributeKinds[(int)((k + (i * 3)) % AttributeKinds.Length)];
            attributes.TryAdd(name, values[(k / (i + 1)) % values.Length]);
        }

        for (var i = 0; attributes.Count < count; i++)
        {
            var (name, values) = AttributeKinds[i];
            attributes.TryAdd(name, values[k % values.Length]);
        }

        return attributes;
    }

    private static async Task InsertBatchAsync(DbConnection connection, DbTransaction transaction, int first, int last, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("INSERT INTO products (id, name, description, price, stock, attributes, image_url) VALUES ");
        var parameters = new DynamicParameters();
        for (var id = first; id <= last; id++)
        {
            var product = Describe(id);
            var i = (id - first).ToString(CultureInfo.InvariantCulture);
            sql.Append(id == first ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@I{i}, @N{i}, @D{i}, @P{i}, @S{i}, @A{i}, @U{i})");
            parameters.Add("I" + i, product.Id);
            parameters.Add("N" + i, product.Name);
            parameters.Add("D" + i, product.Description);
            parameters.Add("P" + i, product.Price);
            parameters.Add("S" + i, product.Stock);
            parameters.Add("A" + i, JsonSerializer.Serialize(product.Attributes));
            parameters.Add("U" + i, product.ImageUrl);
        }

        sql.Append(" ON CONFLICT (id) DO NOTHING");
        await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), parameters, transaction, cancellationToken: cancellationToken));
    }
}
