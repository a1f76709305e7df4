namespace OrleansPlatform.Workflows.Model;

/// <summary>
/// Joins an output port to an input port (or to an exit of the enclosing composite). Among the connections leaving a
/// port, the first whose rule holds is taken, in declaration order; a connection without a rule is the default.
/// </summary>
public sealed record Connection(Endpoint From, Endpoint To, Rule? When = null)
{
    /// <summary>A connection from <c>fromStep.fromPort</c> to <c>toStep.toPort</c>.</summary>
    public static Connection Of(string fromStep, string fromPort, string toStep, string toPort, Rule? when = null) =>
        new(new Endpoint(fromStep, fromPort), new Endpoint(toStep, toPort), when);
}
