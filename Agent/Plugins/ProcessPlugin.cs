using OrleansPlatform.Agent.Resources;

namespace OrleansPlatform.Agent.Plugins;

/// <summary>
/// <c>process</c>: any command (<c>Command</c>, <c>Args</c>, <c>Env</c>, <c>WorkingDirectory</c>), healthy while it runs,
/// restarted when it exits with a non-zero code.
/// </summary>
internal sealed class ProcessPlugin(ProcessLauncher launcher) : IResourcePlugin
{
    public const string TypeName = "process";

    public string Describe(ResourceSpec resource) => "process";

    public IEnumerable<string> Validate(ResourceSpec resource)
    {
        if (resource.Command is null)
        {
            yield return $"{resource.Key}:Command is missing; a process resource runs a command.";
        }
    }

    public async Task<IRunningResource> StartAsync(ResourceSpec resource, ResourceStartContext context, CancellationToken cancellationToken)
    {
        var process = await launcher.StartAsync(resource, context, resource.Command!, resource.Args, cancellationToken);
        return new ProcessResource(process, ProcessLauncher.Facts(resource, resource.Command!, resource.Args));
    }
}
