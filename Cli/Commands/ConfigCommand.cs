using System.CommandLine;
using System.Text.Json.Nodes;
using OrleansPlatform.Cli.Output;

namespace OrleansPlatform.Cli.Commands;

/// <summary><c>oplat config get|set|unset|diff</c>: <c>/admin/api/config</c>.</summary>
internal static class ConfigCommand
{
    public static Command Create(ApiCommandRunner runner)
    {
        var config = new Command("config", "The managed settings, stored in the cluster database: show, change, compare with the silos");
        config.Add(Get(runner));
        config.Add(Set(runner));
        config.Add(Unset(runner));
        config.Add(runner.Get("diff", "Each active silo's settings in force against the cluster's", "config/diff", ConfigurationView.RenderDiff));
        return config;
    }

    private static Command Get(ApiCommandRunner runner)
    {
        var key = Names.Optional("key", "One setting, e.g. Sessions:IdleTimeout (default: every setting)");
        var get = new Command("get", "Every managed setting, or one in full: live or restart, default, cluster value, per-silo overrides") { key };
        get.SetAction((parse, cancellationToken) =>
        {
            var wanted = parse.GetValue(key);
            return wanted is null
                ? runner.RunAsync(parse, (api, ct) => api.GetAsync("config", ct), ConfigurationView.RenderSettings, cancellationToken)
                : runner.RunAsync(parse, (api, ct) => GetOneAsync(api, wanted, ct), ConfigurationView.RenderSetting, cancellationToken);
        });
        return get;
    }

    // The API has no GET for one key; the whole list is small, and the CLI picks the key as the API spells keys (any case).
    private static async Task<ApiResult> GetOneAsync(AdminApiClient api, string key, CancellationToken cancellationToken)
    {
        var overview = await api.GetAsync("config", cancellationToken);
        if (overview.Problem is not null)
        {
            return overview;
        }

        var settings = overview.Body.Items("settings").ToList();
        var match = settings.FirstOrDefault(s => string.Equals(s.Text("key"), key, StringComparison.OrdinalIgnoreCase));
        return match.ValueKind == System.Text.Json.JsonValueKind.Object
            ? ApiResult.Success(match)
            : ApiResult.Failure(ApiProblem.Local($"unknown setting '{key}'; managed settings: {string.Join(", ", settings.Select(s => s.Text("key")))}"));
    }

    private static Command Set(ApiCommandRunner runner)
    {
        var key = Names.Required("key", "The setting, e.g. Sessions:IdleTimeout");
        var value = new Argument<string>("value") { Description = "Its new value, e.g. 00:10:00 (after -- when it starts with '-')" };
        var silo = SiloOption("Store it for this silo only (by name), not cluster-wide");
        var set = new Command("set", "Store a setting's value, cluster-wide or for one silo (validated by the Gateway)") { key, value, silo };
        set.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            (api, ct) => api.PutAsync(Path(parse.GetRequiredValue(key), parse.GetValue(silo)), new JsonObject { ["value"] = parse.GetRequiredValue(value) }, ct),
            ConfigurationView.RenderChange,
            cancellationToken));
        return set;
    }

    private static Command Unset(ApiCommandRunner runner)
    {
        var key = Names.Required("key", "The setting, e.g. Sessions:IdleTimeout");
        var silo = SiloOption("Remove this silo's override (by name), not the cluster-wide value");
        var unset = new Command("unset", "Remove a stored value: the default (or, for a silo, the cluster's value) applies again") { key, silo };
        unset.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            (api, ct) => api.DeleteAsync(Path(parse.GetRequiredValue(key), parse.GetValue(silo)), ct),
            ConfigurationView.RenderChange,
            cancellationToken));
        return unset;
    }

    private static Option<string?> SiloOption(string description) => new("--silo") { Description = description, HelpName = "name" };

    private static string Path(string key, string? silo) =>
        $"config/{AdminApiClient.Segment(key)}" + (silo is null ? string.Empty : "?silo=" + Uri.EscapeDataString(silo));
}
