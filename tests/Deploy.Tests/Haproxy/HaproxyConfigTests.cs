using System.Diagnostics;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Deploy.Tests.Haproxy;

/// <summary>
/// deploy/haproxy: the template as run.sh renders it for two Gateways is a configuration HAProxy accepts
/// (<c>haproxy -c</c>, the real binary), with the health checks, the retries and the balancer's own health answer
/// that the platform relies on; a broken file is refused by the same check.
/// </summary>
public sealed class HaproxyConfigTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("oplat-haproxy-").FullName;

    [Fact]
    public async Task The_rendered_template_for_two_Gateways_passes_haproxy_check_and_keeps_what_the_platform_relies_on()
    {
        var config = Path.Combine(directory, "haproxy.cfg");
        var render = await RunAsync("bash", Render, config, "127.0.0.1:5080", "127.0.0.1:5091", "127.0.0.1:5092");
        Assert.True(render.ExitCode == 0, render.Output);

        var check = await RunAsync("haproxy", "-c", "-f", config);
        Assert.True(check.ExitCode == 0, check.Output);

        var lines = (await File.ReadAllLinesAsync(config)).Select(l => l.Trim()).ToList();
        Assert.Contains("bind 127.0.0.1:5080", lines);
        Assert.Equal(["server gateway-1 127.0.0.1:5091 check", "server gateway-2 127.0.0.1:5092 check"], lines.Where(l => l.StartsWith("server ", StringComparison.Ordinal)));
        Assert.Contains("http-check send meth GET uri /health/live", lines);
        Assert.Contains("retry-on conn-failure empty-response 0rtt-rejected", lines);
        Assert.Contains("option redispatch 1", lines);
        Assert.Contains("monitor-uri /haproxy/health", lines);
        Assert.DoesNotContain(lines, l => l.Contains('@', StringComparison.Ordinal) && !l.StartsWith('#'));
    }

    [Fact]
    public async Task A_broken_configuration_fails_the_check_and_a_bad_address_is_not_rendered()
    {
        var config = Path.Combine(directory, "haproxy.cfg");
        Assert.Equal(0, (await RunAsync("bash", Render, config, "127.0.0.1:5080", "127.0.0.1:5091")).ExitCode);
        await File.AppendAllTextAsync(config, "    no-such-directive here\n");
        var check = await RunAsync("haproxy", "-c", "-f", config);
        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains("no-such-directive", check.Output, StringComparison.Ordinal);

        var bad = await RunAsync("bash", Render, Path.Combine(directory, "bad.cfg"), "127.0.0.1:5080", "127.0.0.1:5091\n    server evil 10.0.0.1:80");
        Assert.Equal(2, bad.ExitCode);
        Assert.False(File.Exists(Path.Combine(directory, "bad.cfg")));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string Render => Path.Combine(RepoPaths.Root, "deploy", "haproxy", "render.sh");

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] args)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout + await stderr);
    }
}
