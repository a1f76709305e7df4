namespace OrleansPlatform.Silo.Hosting.Tests.Storage;

/// <summary>A nested grain state: a record with a nested record, a list of records and a dictionary.</summary>
public sealed record ProfileState
{
    public string Name { get; init; } = "";

    public int Visits { get; init; }

    public Address? Home { get; init; }

    public List<OrderLine> Lines { get; init; } = [];

    public Dictionary<string, int> Quantities { get; init; } = [];

    public sealed record Address(string Street, string City);

    public sealed record OrderLine(string ProductKey, int Quantity, decimal Price);
}
