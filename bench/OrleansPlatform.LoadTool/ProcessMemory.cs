using System.Globalization;

namespace OrleansPlatform.LoadTool;

/// <summary>One reading of a process's memory from Linux /proc: resident set and its private (anonymous) part.</summary>
public sealed record ProcessMemory(long RssBytes, long AnonymousBytes)
{
    /// <summary>Reads <c>/proc/PID/status</c> (VmRSS, RssAnon).</summary>
    public static ProcessMemory Of(int pid)
    {
        long rss = 0, anonymous = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anonymous = Kilobytes(line);
            }
        }

        return new ProcessMemory(rss, anonymous);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
