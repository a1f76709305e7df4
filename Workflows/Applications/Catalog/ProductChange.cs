namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>A change to a product: each field that is not null replaces the stored one.</summary>
[GenerateSerializer]
[Immutable]
[Alias("catalog.product-change")]
public sealed record ProductChange(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] long? Price,
    [property: Id(3)] long? Stock)
{
    /// <summary>Longest name (characters).</summary>
    public const int MaxName = 200;

    /// <summary>Longest description (characters).</summary>
    public const int MaxDescription = 4000;

    /// <summary>Every problem of this change, one sentence each naming the field; empty when it can be applied.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Name is null && Description is null && Price is null && Stock is null)
        {
            problems.Add("Give at least one of name, description, price, stock.");
        }

        if (Name is not null && Name.Trim() is not { Length: > 0 and <= MaxName })
        {
            problems.Add($"name must be text of 1 to {MaxName} characters.");
        }

        if (Description is { Length: > MaxDescription })
        {
            problems.Add($"description must be text of at most {MaxDescription} characters.");
        }

        if (Price is < 0)
        {
            problems.Add("price must be a whole number of at least 0.");
        }

        if (Stock is < 0)
        {
            problems.Add("stock must be a whole number of at least 0.");
        }

        return problems;
    }
}
