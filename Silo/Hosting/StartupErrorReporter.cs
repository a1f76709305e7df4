using Microsoft.Extensions.Options;

namespace OrleansPlatform.Silo.Hosting;

/// <summary>Turns a start-up failure caused by configuration into one readable line and exit code 2.</summary>
public static class StartupErrorReporter
{
    /// <summary>Exit code for a configuration the silo refused.</summary>
    public const int InvalidConfigurationExitCode = 2;

    /// <summary>Runs <paramref name="run"/>; configuration errors are printed as one line to stderr instead of a stack trace.</summary>
    public static async Task<int> RunAsync(Func<Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            await run().ConfigureAwait(false);
            return 0;
        }
        catch (OptionsValidationException exception)
        {
            await Console.Error.WriteLineAsync($"Invalid configuration: {string.Join(" ", exception.Failures)}").ConfigureAwait(false);
            return InvalidConfigurationExitCode;
        }
        catch (InvalidOperationException exception) when (exception.InnerException is FormatException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"Invalid configuration: {exception.Message} {exception.InnerException.Message}").ConfigureAwait(false);
            return InvalidConfigurationExitCode;
        }
    }
}
