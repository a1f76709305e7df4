using OrleansPlatform.Runtime;

namespace OrleansPlatform.Runtime.Tests.CodeGen;

// Grain interfaces compiled by the real generator (the test project sets UsesGrainCodeGen).

public interface ICalculatorGrain : IGrainWithIntegerKey
{
    Task<int> Add(int left, int right);

    Task<string?> Echo(string? text, CancellationToken cancellationToken);

    ValueTask<List<string>> Split(string text, char separator);

    Task<Dictionary<string, int>?> CountWords(string[] words, CancellationToken cancellationToken = default);

    ValueTask Reset();

    Task Clear();

    [OneWay]
    Task Notify(string message);

    [OneWay]
    ValueTask NotifyValue(int value);

    [AlwaysInterleave]
    Task<int> Peek(string @event, int? limit = null);
}

public interface IProfileGrain : IGrainWithGuidKey
{
    Task<Profile> Get();

    Task Set(Profile profile, DateTimeOffset at);
}

public sealed record Profile(string Name, int Age, IReadOnlyList<string> Tags);

public interface IPingA : IGrainWithStringKey
{
    Task<string> Ping(string message);

    Task<int> OnlyA();
}

public interface IPingB : IGrainWithStringKey
{
    Task<string> Ping(string message);
}

/// <summary>Inherits the same <c>Ping</c> from two interfaces.</summary>
public interface IPingBoth : IPingA, IPingB
{
    Task<string> Both();
}
