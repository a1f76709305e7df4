using System.Text.Json;
using OrleansPlatform.Cli.Output;

namespace OrleansPlatform.Cli.Tests;

public sealed class OutputTests
{
    [Fact]
    public void Tables_into_a_pipe_are_plain_text_and_values_are_never_markup()
    {
        var terminal = new TestTerminal();
        var applications = Json("""[{"id":"a[red]b","state":"draining","versions":["1.0","2.0"],"liveSessionsBySilo":{"s1":2,"s2":3},"liveSessions":5}]""");

        ApplicationsView.RenderList(terminal.Terminal, applications);

        Assert.DoesNotContain("\u001b", terminal.Output, StringComparison.Ordinal);
        Assert.Matches(@"\| a\[red\]b\s+\| draining \| 1\.0, 2\.0 \|\s+5 \|", terminal.Output);
    }

    [Fact]
    public void A_drifting_silo_is_marked()
    {
        var terminal = new TestTerminal();
        var silos = Json("""
            {"clusterDigest":"c1","silos":[
              {"id":"127.0.0.1:1@1","name":"one","label":"one (127.0.0.1:1)","address":"127.0.0.1:1","status":"Active","pid":10,"uptimeSeconds":3725,"sessions":4,"cpuPercent":12.5,"memoryBytes":10485760,"configDigest":"d1","digestMatchesCluster":false},
              {"id":"127.0.0.1:2@1","name":"two","address":"127.0.0.1:2","status":"Dead","pid":0,"configDigest":"","digestMatchesCluster":true}]}
            """);

        SilosView.RenderList(terminal.Terminal, silos);

        Assert.Matches(@"\| one \(127\.0\.0\.1:1\)\s+\| Active \| 127\.0\.0\.1:1@1\s+\|\s+10 \|\s+1h 2m \|\s+4 \| 12\.5 % \| 10\.0 MiB \| d1 \(drift\) \|", terminal.Output);
        Assert.Contains("1 silo(s) run other settings", terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sessions_name_each_silo_by_its_label_as_the_console_does()
    {
        var terminal = new TestTerminal();
        var sessions = Json("""
            {"bySilo":{"127.0.0.1:41763@155618965":3},"siloLabels":{"127.0.0.1:41763@155618965":"silo-2 (127.0.0.1:41763)"},
             "recent":[{"at":"2026-12-07T10:00:00Z","kind":"started","session":"abcd1234","application":"catalog-search","silo":"127.0.0.1:41763@155618965"}]}
            """);

        SessionsView.Render(terminal.Terminal, sessions);

        Assert.Matches(@"\| live sessions by silo\s+\| silo-2 \(127\.0\.0\.1:41763\)\s+\|\s+3 \|", terminal.Output);
        Assert.Matches(@"\| catalog-search\s+\| silo-2 \(127\.0\.0\.1:41763\) \|", terminal.Output);
        Assert.DoesNotContain("@155618965", terminal.Output, StringComparison.Ordinal);
    }

    // A Gateway a version ahead (or behind) may add or drop fields: the tables show what is there and never throw.
    [Fact]
    public void Every_view_renders_answers_with_missing_fields()
    {
        var terminal = new TestTerminal().Terminal;
        var empty = Json("{}");
        var list = Json("[{}]");

        StatusView.Render(terminal, empty);
        ApplicationsView.RenderList(terminal, list);
        ApplicationsView.RenderChange(terminal, empty);
        CachesView.RenderStatistics(terminal, Json("""[{"answered":true,"caches":[{}]},{}]"""));
        CachesView.RenderOperation(terminal, empty);
        SilosView.RenderList(terminal, Json("""{"silos":[{}]}"""));
        SilosView.RenderDrain(terminal, empty);
        ConfigurationView.RenderSettings(terminal, Json("""{"settings":[{}]}"""));
        ConfigurationView.RenderSetting(terminal, empty);
        ConfigurationView.RenderChange(terminal, empty);
        ConfigurationView.RenderDiff(terminal, Json("""[{"differences":[{}]}]"""));
        LocksView.Render(terminal, list);
        SessionsView.Render(terminal, Json("""{"recent":[{}],"byStatus":{"live":1}}"""));
    }

    [Theory]
    [InlineData(9.7, "9s")]
    [InlineData(252, "4m 12s")]
    [InlineData(7500, "2h 5m")]
    [InlineData(273600, "3d 4h")]
    public void Uptimes_read_in_their_two_largest_units(double seconds, string expected) =>
        Assert.Equal(expected, Formats.Duration(seconds));

    [Fact]
    public void The_error_line_starts_with_the_status()
    {
        Assert.Equal("404 Unknown application: There is no application 'nope'.", new ApiProblem(404, "Unknown application: There is no application 'nope'.").ToString());
        Assert.Equal("cannot reach http://127.0.0.1:1 (connection refused)", ApiProblem.Local("cannot reach http://127.0.0.1:1 (connection refused)").ToString());
    }

    [Fact]
    public void Json_is_printed_as_it_came_indented()
    {
        using var output = new StringWriter();

        JsonPrinter.Write(output, Json("""{"key":"Sessions:IdleTimeout","overrides":{"a+b":"<x>"}}"""));

        Assert.Equal(
            """
            {
              "key": "Sessions:IdleTimeout",
              "overrides": {
                "a+b": "<x>"
              }
            }
            """.ReplaceLineEndings("\n"),
            output.ToString().TrimEnd().ReplaceLineEndings("\n"));
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
