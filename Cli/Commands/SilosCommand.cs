using System.CommandLine;
using OrleansPlatform.Cli.Output;

namespace OrleansPlatform.Cli.Commands;

/// <summary><c>oplat silos list|drain</c>: <c>/admin/api/silos</c>.</summary>
internal static class SilosCommand
{
    public static Command Create(ApiCommandRunner runner)
    {
        var silos = new Command("silos", "The cluster's silos: list them, drain one");
        silos.Add(runner.Get("list", "Every silo: status, address, pid, uptime, sessions, CPU, memory, settings digest", "silos", SilosView.RenderList));

        var silo = Names.Required("silo", "The silo's id as 'silos list' shows it (address:port@generation), or its name");
        var drain = new Command("drain", "Shut a silo down gracefully: its sessions are written and move to the other silos (refused for the last one)") { silo };
        drain.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            (api, ct) => DrainAsync(api, parse.GetRequiredValue(silo), ct),
            SilosView.RenderDrain,
            cancellationToken));
        silos.Add(drain);
        return silos;
    }

    private static async Task<ApiResult> DrainAsync(AdminApiClient api, string silo, CancellationToken cancellationToken)
    {
        // Ids carry '@' (address:port@generation); names cannot (letters, digits, '.', '_', '-'), so a name is looked up first.
        if (silo.Contains('@', StringComparison.Ordinal))
        {
            return await api.PostAsync($"silos/{AdminApiClient.Segment(silo)}/drain", null, cancellationToken);
        }

        var overview = await api.GetAsync("silos", cancellationToken);
        if (overview.Problem is not null)
        {
            return overview;
        }

        var ids = overview.Body.Items("silos")
            .Where(s => s.Text("status") == "Active" && string.Equals(s.Text("name"), silo, StringComparison.Ordinal))
            .Select(s => s.Text("id"))
            .ToList();
        return ids.Count switch
        {
            1 => await api.PostAsync($"silos/{AdminApiClient.Segment(ids[0])}/drain", null, cancellationToken),
            0 => ApiResult.Failure(ApiProblem.Local($"no active silo is named '{silo}' ('oplat silos list' shows the names and ids)")),
            _ => ApiResult.Failure(ApiProblem.Local($"{ids.Count} active silos are named '{silo}'; give the id ('oplat silos list' shows them)")),
        };
    }
}
