using System.Runtime.InteropServices;

namespace OrleansPlatform.Agent.Processes;

/// <summary>POSIX signals to one process, by its pid (never by name or group).</summary>
internal static partial class ProcessSignals
{
    public const int Kill = 9;
    public const int Terminate = 15;

    /// <summary>Sends <paramref name="signal"/>; false when the process no longer exists.</summary>
    public static bool Send(int pid, int signal) => pid > 0 && NativeKill(pid, signal) == 0;

    /// <summary>True while a process with this pid exists (a zombie counts until its parent reaps it).</summary>
    public static bool Exists(int pid) => pid > 0 && NativeKill(pid, 0) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int NativeKill(int pid, int signal);
}
