using System.Globalization;

namespace OrleansPlatform.Testing;

/// <summary>Whether a process (any, not only our children) still runs, as Linux's <c>/proc</c> says.</summary>
public static class ProcessLiveness
{
    /// <summary>
    /// True while <paramref name="pid"/> runs. A process that has ended but is not reaped yet (a zombie: its parent was
    /// killed with it, and init reaps it in its own time) does not run any more.
    /// </summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
