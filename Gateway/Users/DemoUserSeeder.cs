using Microsoft.Extensions.Options;

namespace OrleansPlatform.Gateway.Users;

/// <summary>
/// Creates <see cref="UserOptions.DemoUser"/> at start when it is set and the user does not exist yet (its password
/// from <see cref="UserOptions.DemoPasswordFile"/>; never logged). An existing user is left as it is, so an operator's
/// changes (password, disabled, roles) survive restarts.
/// </summary>
internal sealed partial class DemoUserSeeder(IUserDirectory users, IOptions<UserOptions> options, ILogger<DemoUserSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value is not { DemoUser: { Length: > 0 } name, DemoPasswordFile: { Length: > 0 } file })
        {
            return;
        }

        if (await users.FindAsync(name, cancellationToken) is not null)
        {
            return;
        }

        var password = (await File.ReadAllLinesAsync(file, cancellationToken)).FirstOrDefault()?.Trim() ?? string.Empty;
        try
        {
            await users.AddAsync(name, password, [], cancellationToken);
            LogSeeded(logger, name, file);
        }
        catch (UserExistsException)
        {
            // Another Gateway created it at the same moment.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 7405, Level = LogLevel.Information, Message = "Created the demo user {User} (password in {File})")]
    private static partial void LogSeeded(ILogger logger, string user, string file);
}
