using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OrleansPlatform.LoadTool;

/// <summary>
/// The statements PostgreSQL ran for the measured window's database between two snapshots: top-level statements (each
/// one a round trip from a client, transaction control included), nested ones (run inside a function or DO block),
/// and the most called statements.
/// </summary>
public sealed partial record StatementStatistics(long Statements, long Nested, double? PerInteraction, IReadOnlyList<StatementCalls> Top)
{
    private const int TopCount = 10;
    private const int QueryChars = 80;

    public static StatementStatistics Of(StatementSnapshot before, StatementSnapshot after, long interactions)
    {
        var deltas = after.Calls
            // The counter's own statements, should its connection not be excluded from tracking.
            .Where(entry => !entry.Value.Query.Contains("pg_stat_statements", StringComparison.OrdinalIgnoreCase))
            .Select(entry => (entry.Key.TopLevel, entry.Value.Query, Calls: entry.Value.Calls - (before.Calls.TryGetValue(entry.Key, out var was) ? was.Calls : 0)))
            .Where(d => d.Calls > 0)
            .ToList();
        double? Per(long calls) => interactions > 0 ? calls / (double)interactions : null;
        var top = deltas.OrderByDescending(d => d.Calls).Take(TopCount)
            .Select(d => new StatementCalls(Shorten(d.Query), d.Calls, Per(d.Calls), !d.TopLevel))
            .ToList();
        var statements = deltas.Where(d => d.TopLevel).Sum(d => d.Calls);
        return new StatementStatistics(statements, deltas.Where(d => !d.TopLevel).Sum(d => d.Calls), Per(statements), top);
    }

    /// <summary>The lines of the text report.</summary>
    public void AppendText(StringBuilder text)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL statements while measuring: {Statements:N0} ({PerInteraction ?? 0:0.00} / interaction){(Nested > 0 ? string.Create(CultureInfo.InvariantCulture, $", and {Nested:N0} nested in functions") : "")}; most called:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"calls",9} {"/ inter.",8}  statement");
        foreach (var row in Top)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {row.Calls,9:N0} {row.PerInteraction ?? 0,8:0.000}  {(row.Nested ? "(nested) " : "")}{row.Query}");
        }
    }

    private static string Shorten(string query)
    {
        var oneLine = Whitespace().Replace(query, " ").Trim();
        return oneLine.Length <= QueryChars ? oneLine : oneLine[..(QueryChars - 1)] + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
