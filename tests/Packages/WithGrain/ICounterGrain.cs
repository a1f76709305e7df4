namespace OrleansPlatform.TestPackages.WithGrain;

/// <summary>A grain contract of the package's own.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Next();
}
