using OrleansPlatform.LoadTool;

// A load tool for the sessions JSON API (see LoadOptions.Usage and bench/README.md).
if (args.Length > 0 && args[0] is "-h" or "--help")
{
    Console.WriteLine(LoadOptions.Usage);
    return 0;
}

if (args.Length > 0 && args[0] == "compare")
{
    double upserts = 0;
    if (args.Length is not (3 or 4)
        || (args.Length == 4 && !double.TryParse(args[3], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out upserts)))
    {
        await Console.Error.WriteLineAsync(LoadOptions.Usage);
        return 2;
    }

    var a = RunSummary.FromJson(await File.ReadAllTextAsync(args[1]));
    var b = RunSummary.FromJson(await File.ReadAllTextAsync(args[2]));
    Console.Write(RunSummary.Compare(a, b, upserts > 0 ? upserts : null));
    return 0;
}

if (args.Length > 0 && args[0] == "idle")
{
    return await IdleSessions.RunAsync(args[1..]);
}

LoadOptions options;
try
{
    options = LoadOptions.Parse(args.Length > 0 && args[0] == "run" ? args[1..] : args);
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync($"loadtool: {exception.Message}\n\n{LoadOptions.Usage}");
    return 2;
}

try
{
    var summary = await LoadRun.RunAsync(options);
    Console.Write(summary.ToText());
    if (options.JsonPath is { } jsonPath)
    {
        await File.WriteAllTextAsync(jsonPath, summary.ToJson());
    }

    return summary.Interactions == 0 ? 1 : 0;
}
catch (Exception exception) when (exception is InvalidOperationException or Npgsql.NpgsqlException or ArgumentException or System.ComponentModel.Win32Exception)
{
    await Console.Error.WriteLineAsync($"loadtool: {exception.Message}");
    return 1;
}
