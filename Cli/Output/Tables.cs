using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrleansPlatform.Cli.Output;

/// <summary>
/// The tables' common shape. Cells are <see cref="Text"/>, never markup: ids, keys and values come from the API and
/// may hold <c>[</c> or <c>]</c>.
/// </summary>
internal static class Tables
{
    /// <summary>A table with these headers; a header ending in <c>&gt;</c> is a right-aligned figure (the marker is not shown).</summary>
    public static Table Create(Terminal terminal, params string[] headers)
    {
        var table = new Table { Border = terminal.Interactive ? TableBorder.Rounded : TableBorder.Ascii };
        foreach (var header in headers)
        {
            var figure = header.EndsWith('>');
            var column = new TableColumn(new Text(figure ? header[..^1] : header, new Style(decoration: Decoration.Bold)));
            table.AddColumn(figure ? column.RightAligned() : column);
        }

        return table;
    }

    public static void Row(this Table table, params IRenderable[] cells) => table.AddRow(cells);

    public static void Row(this Table table, params string[] cells) => table.AddRow(cells.Select(c => (IRenderable)new Text(Formats.OrNone(c))).ToArray());

    public static IRenderable Cell(string text, Style? style = null) => new Text(Formats.OrNone(text), style ?? Style.Plain);

    /// <summary>Two columns of label and value, for one object's facts.</summary>
    public static Grid Facts(IEnumerable<(string Label, IRenderable Value)> facts)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        foreach (var (label, value) in facts)
        {
            grid.AddRow(new Text(label, new Style(decoration: Decoration.Bold)), value);
        }

        return grid;
    }

    /// <summary>An application's state, coloured on a terminal: enabled green, draining yellow, disabled red.</summary>
    public static IRenderable State(string state) => Cell(state, state switch
    {
        "enabled" => new Style(Color.Green),
        "draining" => new Style(Color.Yellow),
        "disabled" => new Style(Color.Red),
        _ => Style.Plain,
    });

    /// <summary>A line of text for after a table or an action (plain, never markup).</summary>
    public static void Line(this Terminal terminal, string text, Style? style = null) => terminal.Console.Write(new Text(text + Environment.NewLine, style ?? Style.Plain));
}
