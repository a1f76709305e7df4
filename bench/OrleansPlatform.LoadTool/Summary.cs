using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansPlatform.LoadTool;

/// <summary>The result of one run.</summary>
public sealed record RunSummary(
    string Label,
    string Url,
    int Users,
    double WarmupSeconds,
    double MeasuredSeconds,
    long Interactions,
    double InteractionsPerSecond,
    LatencySummary All,
    IReadOnlyList<LatencySummary> ByKind,
    long ErrorCount,
    IReadOnlyDictionary<string, long> Errors,
    string Machine,
    string LoadAverageBefore,
    string LoadAverageAfter,
    double? ServerCpuSeconds,
    double? PostgresCpuSeconds,
    IReadOnlyDictionary<string, double>? ServerCpuSecondsByProcess)
{
    /// <summary>The PostgreSQL server's durability settings (with <c>--postgres-connection</c>).</summary>
    public PostgresDurability? Postgres { get; init; }

    /// <summary>The statements PostgreSQL ran while measuring (with <c>--postgres-connection</c>).</summary>
    public StatementStatistics? PostgresStatements { get; init; }

    /// <summary>Per second of the measured window (duration mode).</summary>
    public IReadOnlyList<TimelineBucket>? Timeline { get; init; }

    /// <summary>The kill -9 of a server during the window and what users saw (with <c>--kill-after</c>).</summary>
    public FailoverSummary? Failover { get; init; }

    /// <summary>Server CPU milliseconds per measured interaction (when measured).</summary>
    public double? ServerCpuMsPerInteraction => ServerCpuSeconds is { } s && Interactions > 0 ? s * 1000 / Interactions : null;

    /// <summary>PostgreSQL CPU milliseconds per measured interaction (when measured).</summary>
    public double? PostgresCpuMsPerInteraction => PostgresCpuSeconds is { } s && Interactions > 0 ? s * 1000 / Interactions : null;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static RunSummary FromJson(string json) =>
        JsonSerializer.Deserialize<RunSummary>(json, JsonOptions) ?? throw new InvalidDataException("Empty summary.");

    /// <summary>The report printed after a run.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"== {Label} ({Url})");
        text.AppendLine(CultureInfo.InvariantCulture, $"{Users} users, {WarmupSeconds:0.#} s warm-up, {MeasuredSeconds:0.0} s measured; {Machine}; load average {LoadAverageBefore} -> {LoadAverageAfter}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{Interactions:N0} interactions, {InteractionsPerSecond:N1} interactions/s, {ErrorCount:N0} errors");
        if (ServerCpuSeconds is not null || PostgresCpuSeconds is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"CPU while measuring: servers {ServerCpuSeconds ?? 0:0.0} s ({ServerCpuMsPerInteraction ?? 0:0.00} ms/interaction), PostgreSQL {PostgresCpuSeconds ?? 0:0.0} s ({PostgresCpuMsPerInteraction ?? 0:0.00} ms/interaction), of {MeasuredSeconds * Environment.ProcessorCount:0} core-seconds");
            if (ServerCpuSecondsByProcess is { Count: > 1 } byProcess)
            {
                text.AppendLine("  servers: " + string.Join(", ", byProcess.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.0} s"))));
            }
        }

        if (Postgres is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL {Postgres}");
        }

        PostgresStatements?.AppendText(text);

        text.AppendLine(CultureInfo.InvariantCulture, $"{"kind",-8} {"count",9} {"mean ms",9} {"p50 ms",9} {"p95 ms",9} {"p99 ms",9} {"max ms",9}");
        foreach (var row in ByKind.Append(All))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{row.Kind,-8} {row.Count,9:N0} {row.MeanMs,9:0.00} {row.P50Ms,9:0.00} {row.P95Ms,9:0.00} {row.P99Ms,9:0.00} {row.MaxMs,9:0.00}");
        }

        foreach (var (reason, count) in Errors.OrderByDescending(e => e.Value))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"error {reason}: {count:N0}");
        }

        if (Failover is not null)
        {
            Failover.AppendText(text, Errors);
            if (Timeline is not null)
            {
                TimelineBucket.AppendText(text, Timeline, Failover.KilledAtSeconds);
            }

            text.AppendLine(Failover.SummaryLine(ErrorCount));
        }

        return text.ToString();
    }

    /// <summary>Two runs side by side (markdown), with the ratio first/second.</summary>
    public static string Compare(RunSummary a, RunSummary b, double? upsertsPerSecond = null)
    {
        static string Ratio(double x, double y) => y == 0 ? "–" : (x / y).ToString("0.00", CultureInfo.InvariantCulture) + "×";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| {Users(a, b)} | {a.Label} | {b.Label} | {a.Label} / {b.Label} |");
        text.AppendLine("|---|---:|---:|---:|");
        void Row(string name, double x, double y, string format) =>
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {x.ToString(format, CultureInfo.InvariantCulture)} | {y.ToString(format, CultureInfo.InvariantCulture)} | {Ratio(x, y)} |");
        Row("interactions/s", a.InteractionsPerSecond, b.InteractionsPerSecond, "N0");
        Row("p50 (ms)", a.All.P50Ms, b.All.P50Ms, "0.0");
        Row("p95 (ms)", a.All.P95Ms, b.All.P95Ms, "0.0");
        Row("p99 (ms)", a.All.P99Ms, b.All.P99Ms, "0.0");
        Row("max (ms)", a.All.MaxMs, b.All.MaxMs, "0.0");
        if (a.ServerCpuMsPerInteraction is { } sa && b.ServerCpuMsPerInteraction is { } sb)
        {
            Row("server CPU ms / interaction", sa, sb, "0.00");
        }

        if (a.PostgresCpuMsPerInteraction is { } pa && b.PostgresCpuMsPerInteraction is { } pb)
        {
            Row("PostgreSQL CPU ms / interaction", pa, pb, "0.00");
        }

        if (a.PostgresStatements?.PerInteraction is { } qa && b.PostgresStatements?.PerInteraction is { } qb)
        {
            Row("PostgreSQL statements / interaction", qa, qb, "0.00");
        }

        if (upsertsPerSecond is { } upserts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| interactions/s ÷ single-row upserts/s ({upserts:N0}/s, pgbench, same concurrency) | {a.InteractionsPerSecond / upserts:0.000} | {b.InteractionsPerSecond / upserts:0.000} | |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| errors | {a.ErrorCount:N0} | {b.ErrorCount:N0} | |");
        if (a.Postgres is not null || b.Postgres is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| PostgreSQL | {a.Postgres?.Mode ?? "?"} | {b.Postgres?.Mode ?? "?"} | |");
        }

        // One line to quote (and to grep from run logs): the three ratios that matter, a over b.
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"summary: {a.Label}/{b.Label} interactions/s {Ratio(a.InteractionsPerSecond, b.InteractionsPerSecond)}, p50 {Ratio(a.All.P50Ms, b.All.P50Ms)}, p99 {Ratio(a.All.P99Ms, b.All.P99Ms)} ({a.ErrorCount:N0} / {b.ErrorCount:N0} errors{Mode(a, b)}{Extra(a, upsertsPerSecond)})");
        return text.ToString();

        // The platform's own figures worth quoting with the ratios: CPU and statements per interaction, share of upserts/s.
        static string Extra(RunSummary a, double? upserts) =>
            (a.ServerCpuMsPerInteraction is { } cpu ? string.Create(CultureInfo.InvariantCulture, $"; {a.Label} server CPU {cpu:0.00} ms") : "")
            + (a.PostgresStatements?.PerInteraction is { } statements ? string.Create(CultureInfo.InvariantCulture, $", {statements:0.00} statements/interaction") : "")
            + (upserts is { } u ? string.Create(CultureInfo.InvariantCulture, $", {a.InteractionsPerSecond / u:0.000}× upserts/s") : "");

        // Which PostgreSQL the figures were taken on: one mode for both, or each side's.
        static string Mode(RunSummary a, RunSummary b) =>
            (a.Postgres?.Mode, b.Postgres?.Mode) switch
            {
                (null, null) => "",
                (var x, var y) when x == y => $"; PostgreSQL {x}",
                (var x, var y) => $"; PostgreSQL {x ?? "?"} / {y ?? "?"}",
            };

        static string Users(RunSummary a, RunSummary b) =>
            a.Users == b.Users && Math.Abs(a.MeasuredSeconds - b.MeasuredSeconds) < 1
                ? $"{a.Users} users × {a.MeasuredSeconds:0} s"
                : $"{a.Users}/{b.Users} users";
    }
}
