using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace OrleansPlatform.Silo.Hosting.Configuration;

/// <summary>Turns a start-up failure caused by configuration into one readable line and exit code 2.</summary>
public static class StartupErrorReporter
{
    /// <summary>Exit code for a configuration the silo refused.</summary>
    public const int InvalidConfigurationExitCode = 2;

    /// <summary>
    /// Validates every option before the host starts (so the host never logs a stack trace for a configuration
    /// mistake), then runs <paramref name="run"/>. Configuration errors become one line on stderr and exit code 2.
    /// </summary>
    public static async Task<int> RunAsync(IHost host, Func<Task> run)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(run);

        // Taken now: host.RunAsync disposes the host, and with it its services, before an exception reaches us.
        var stopping = host.Services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();

            // Orleans validates its own options when the silo starts, after the host has logged the failure with a stack
            // trace; running its validators first turns a bad Orleans setting into the same one line.
            foreach (var validator in host.Services.GetServices<IConfigurationValidator>())
            {
                validator.ValidateConfiguration();
            }

            await run().ConfigureAwait(false);

            // Non-zero when the silo stopped for a reason a supervisor must see (e.g. it lost its cluster membership).
            return Environment.ExitCode;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Asked to stop (SIGTERM) before it had started, e.g. a warm standby still waiting at its gate: a clean stop.
            return 0;
        }
        catch (OptionsValidationException exception)
        {
            await Console.Error.WriteLineAsync($"Invalid configuration: {string.Join(" ", exception.Failures)}").ConfigureAwait(false);
            return InvalidConfigurationExitCode;
        }
        catch (AggregateException exception) when (exception.InnerExceptions.All(e => e is OptionsValidationException))
        {
            // Several options sections failed at once: still one line, every failure named.
            var failures = exception.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures);
            await Console.Error.WriteLineAsync($"Invalid configuration: {string.Join(" ", failures)}").ConfigureAwait(false);
            return InvalidConfigurationExitCode;
        }
        catch (OrleansConfigurationException exception)
        {
            await Console.Error.WriteLineAsync($"Invalid configuration: {exception.Message}").ConfigureAwait(false);
            return InvalidConfigurationExitCode;
        }
        catch (InvalidOperationException exception) when (exception.InnerException is FormatException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"Invalid configuration: {exception.Message} {exception.InnerException.Message}").ConfigureAwait(false);
            return InvalidConfigurationExitCode;
        }
    }
}
