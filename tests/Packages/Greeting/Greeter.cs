namespace OrleansPlatform.TestPackages.Greeting;

/// <summary>A service of the package's own, registered by its entry point and used by a step.</summary>
public sealed class Greeter(string version)
{
    public string Greet(string name) => $"Hello, {name} (greeting {version})";
}
