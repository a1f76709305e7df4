using System.CommandLine;

namespace OrleansPlatform.Cli.Commands;

/// <summary>
/// Arguments that name something (an application, a cache type, a silo, a setting key). System.CommandLine takes an
/// unknown <c>--option</c> as an argument's value when a slot is free; no such name starts with '-', so it is bad
/// usage (exit 2) here rather than a 404 from the Gateway.
/// </summary>
internal static class Names
{
    public static Argument<string> Required(string name, string description)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(result => Check(result, result.GetValueOrDefault<string>()));
        return argument;
    }

    public static Argument<string?> Optional(string name, string description)
    {
        var argument = new Argument<string?>(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };
        argument.Validators.Add(result => Check(result, result.GetValueOrDefault<string?>()));
        return argument;
    }

    private static void Check(System.CommandLine.Parsing.ArgumentResult result, string? value)
    {
        if (value is { Length: > 0 } && value[0] == '-')
        {
            result.AddError($"Unrecognized option '{value}'");
        }
    }
}
