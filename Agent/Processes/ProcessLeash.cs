namespace OrleansPlatform.Agent.Processes;

/// <summary>
/// The small shell program between the agent and each child process. It runs the child with standard input from
/// /dev/null, and reads a line from its own standard input (a pipe from the agent's <see cref="ProcessWatchdog"/>)
/// at least every timeout: when the pipe closes (the agent died, even by kill -9) or stays silent (the agent is frozen,
/// SIGSTOP), it stops the child (TERM, then KILL after a second). A supervised process therefore never outlives its
/// agent by more than the watchdog timeout, and a failover group never runs on two nodes. Its exit code is the child's
/// (137 after kill -9), so the agent sees the child's own end.
/// </summary>
internal static class ProcessLeash
{
    /// <summary>The program name the leash shows in <c>ps</c> (its <c>$0</c>).</summary>
    public const string Name = "oplat-leash";

    /// <summary>The script for <c>bash -c</c>; arguments: timeout in seconds, then the command and its arguments.</summary>
    public const string Script = """
        timeout=$1; shift
        "$@" </dev/null &
        child=$!
        trap 'kill -TERM "$child" 2>/dev/null' TERM
        trap '' INT
        while kill -0 "$child" 2>/dev/null; do
          if ! IFS= read -r -t "$timeout" _; then
            if kill -0 "$child" 2>/dev/null; then
              kill -TERM "$child" 2>/dev/null
              for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done
              kill -KILL "$child" 2>/dev/null
            fi
            break
          fi
        done
        { wait "$child"; } 2>/dev/null
        exit $?
        """;
}
