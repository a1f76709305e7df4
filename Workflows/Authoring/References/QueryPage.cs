namespace OrleansPlatform.Workflows.References;

/// <summary>One page of a named query's results; its logical reference is (query, argument, page size, page number).</summary>
public sealed record QueryPage(string Query, string Argument, int PageSize, int PageNumber, long Total, IReadOnlyList<IEntity> Items)
{
    /// <summary>True when a later page exists.</summary>
    public bool HasNext => (long)PageNumber * PageSize < Total;

    /// <summary>True when an earlier page exists.</summary>
    public bool HasPrevious => PageNumber > 1;
}
