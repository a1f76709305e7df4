using System.CommandLine;
using System.Text.Json.Nodes;
using OrleansPlatform.Cli.Output;

namespace OrleansPlatform.Cli.Commands;

/// <summary><c>oplat apps list|enable|disable</c>: <c>/admin/api/apps</c>.</summary>
internal static class AppsCommand
{
    public static Command Create(ApiCommandRunner runner)
    {
        var apps = new Command("apps", "The applications: list them, enable or disable one");
        apps.Add(runner.Get("list", "Every application with its state, versions and live sessions", "apps", ApplicationsView.RenderList));

        var enableApp = Names.Required("app", "The application's id, e.g. catalog-search");
        var enable = new Command("enable", "Let the application start new sessions again") { enableApp };
        enable.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            (api, ct) => api.PostAsync($"apps/{AdminApiClient.Segment(parse.GetRequiredValue(enableApp))}/enable", null, ct),
            ApplicationsView.RenderChange,
            cancellationToken));
        apps.Add(enable);

        var disableApp = Names.Required("app", "The application's id, e.g. catalog-search");
        var graceful = new Option<bool>("--graceful")
        {
            Description = "Refuse new sessions but let live ones go on until they end or expire (default: refuse their interactions too, at once)",
        };
        var disable = new Command("disable", "Stop the application: at once (503 for everyone), or gracefully with --graceful") { disableApp, graceful };
        disable.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            (api, ct) => api.PostAsync(
                $"apps/{AdminApiClient.Segment(parse.GetRequiredValue(disableApp))}/disable",
                new JsonObject { ["mode"] = parse.GetValue(graceful) ? "graceful" : "immediate" },
                ct),
            ApplicationsView.RenderChange,
            cancellationToken));
        apps.Add(disable);
        return apps;
    }
}
