namespace OrleansPlatform.Silo.Hosting.Applications;

/// <summary>Section <c>Applications</c>: the application packages a silo loads at start, besides the bundled applications.</summary>
public sealed class ApplicationPackagesOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Applications";

    /// <summary>
    /// Paths of application packages: an assembly, or a <c>dotnet publish</c> (or build output) folder holding one
    /// (relative paths from the working directory). As environment variables: <c>ORLEANSPLATFORM_Applications__Packages__0</c>, <c>__1</c>, ...
    /// </summary>
    public IList<string> Packages { get; } = [];
}
