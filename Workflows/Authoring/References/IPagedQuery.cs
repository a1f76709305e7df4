namespace OrleansPlatform.Workflows.References;

/// <summary>A named query that returns pages (results ordered deterministically, so a page can be rebuilt).</summary>
public interface IPagedQuery
{
    /// <summary>The query's name.</summary>
    string Name { get; }

    /// <summary>Page <paramref name="pageNumber"/> (1-based) of the results for <paramref name="argument"/>.</summary>
    Task<QueryPage> RunAsync(string argument, int pageSize, int pageNumber, CancellationToken cancellationToken);
}
