using System.Globalization;
using System.Text;

namespace OrleansPlatform.Gateway.Admin.Console;

/// <summary>Small inline SVG charts, drawn on the server: bars for comparing silos or applications, columns for a timeline.</summary>
internal static class SvgCharts
{
    private const int Width = 560;
    private const int LabelWidth = 170;
    private const int RowHeight = 22;

    /// <summary>Horizontal bars, one per label, scaled to <paramref name="max"/> (default: the largest value).</summary>
    public static string Bars(string title, IReadOnlyList<(string Label, double Value)> bars, string unit, double? max = null, string color = "#457b9d")
    {
        var height = 30 + (Math.Max(1, bars.Count) * RowHeight);
        var top = max ?? bars.Select(b => b.Value).DefaultIfEmpty(0).Max();
        var scale = top > 0 ? (Width - LabelWidth - 80) / top : 0;
        var svg = Open(title, height);
        if (bars.Count == 0)
        {
            svg.Append("<text x=\"10\" y=\"44\" fill=\"#6b7280\">none</text>");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = 26 + (i * RowHeight);
            var length = Math.Max(value > 0 ? 1 : 0, value * scale);
            svg.Append("<text x=\"").Append(LabelWidth - 6).Append("\" y=\"").Append(y + 15).Append("\" text-anchor=\"end\" font-size=\"12\">").Append(AdminHtml.E(Clip(label))).Append("</text>")
                .Append("<rect x=\"").Append(LabelWidth).Append("\" y=\"").Append(y + 3).Append("\" width=\"").Append(F(length)).Append("\" height=\"").Append(RowHeight - 6)
                .Append("\" fill=\"").Append(color).Append("\"><title>").Append(AdminHtml.E($"{label}: {F(value)} {unit}")).Append("</title></rect>")
                .Append("<text x=\"").Append(F(LabelWidth + length + 6)).Append("\" y=\"").Append(y + 15).Append("\" font-size=\"12\">").Append(AdminHtml.E($"{F(value)} {unit}")).Append("</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Columns per time slot, one colour per series, side by side.</summary>
    public static string Timeline(string title, IReadOnlyList<DateTimeOffset> slots, IReadOnlyList<(string Name, string Color, IReadOnlyList<int> Values)> series)
    {
        const int height = 200;
        const int plotTop = 28;
        const int plotBottom = height - 36;
        const int left = 36;
        var top = Math.Max(1, series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var slotWidth = (Width - left - 10) / (double)Math.Max(1, slots.Count);
        var barWidth = Math.Max(1, (slotWidth - 2) / Math.Max(1, series.Count));
        var svg = Open(title, height);
        svg.Append("<line x1=\"").Append(left).Append("\" y1=\"").Append(plotBottom).Append("\" x2=\"").Append(Width - 10).Append("\" y2=\"").Append(plotBottom).Append("\" stroke=\"#9aa3b5\"/>")
            .Append("<text x=\"").Append(left - 4).Append("\" y=\"").Append(plotTop + 10).Append("\" text-anchor=\"end\" font-size=\"11\">").Append(top).Append("</text>")
            .Append("<text x=\"").Append(left - 4).Append("\" y=\"").Append(plotBottom).Append("\" text-anchor=\"end\" font-size=\"11\">0</text>");
        for (var i = 0; i < slots.Count; i++)
        {
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[i];
                if (value <= 0)
                {
                    continue;
                }

                var barHeight = (plotBottom - plotTop) * value / (double)top;
                svg.Append("<rect x=\"").Append(F(left + (i * slotWidth) + 1 + (s * barWidth))).Append("\" y=\"").Append(F(plotBottom - barHeight))
                    .Append("\" width=\"").Append(F(barWidth)).Append("\" height=\"").Append(F(barHeight)).Append("\" fill=\"").Append(series[s].Color).Append("\"><title>")
                    .Append(AdminHtml.E($"{slots[i].UtcDateTime:HH:mm} {series[s].Name}: {value}")).Append("</title></rect>");
            }

            if (i % 5 == 0)
            {
                svg.Append("<text x=\"").Append(F(left + (i * slotWidth))).Append("\" y=\"").Append(plotBottom + 14).Append("\" font-size=\"10\">")
                    .Append(slots[i].UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)).Append("</text>");
            }
        }

        var x = left;
        foreach (var (name, color, _) in series)
        {
            svg.Append("<rect x=\"").Append(x).Append("\" y=\"").Append(height - 14).Append("\" width=\"10\" height=\"10\" fill=\"").Append(color).Append("\"/>")
                .Append("<text x=\"").Append(x + 14).Append("\" y=\"").Append(height - 5).Append("\" font-size=\"11\">").Append(AdminHtml.E(name)).Append("</text>");
            x += 110;
        }

        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string title, int height) =>
        new StringBuilder(2048).Append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").Append(Width).Append("\" height=\"").Append(height)
            .Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height).Append("\" aria-label=\"").Append(AdminHtml.E(title)).Append("\"><title>")
            .Append(AdminHtml.E(title)).Append("</title><text x=\"10\" y=\"17\" font-size=\"13\" font-weight=\"600\">").Append(AdminHtml.E(title)).Append("</text>");

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Clip(string label) => label.Length <= 24 ? label : label[..23] + "…";
}
