using OrleansPlatform.Workflows.Model;

namespace OrleansPlatform.Workflows.Validation;

/// <summary>Checks an application before it is registered and reports every problem at once.</summary>
public static class WorkflowValidator
{
    /// <summary>Throws <see cref="InvalidWorkflowException"/> listing every problem of <paramref name="application"/>.</summary>
    public static void EnsureValid(ApplicationDefinition application)
    {
        var problems = Validate(application);
        if (problems.Count > 0)
        {
            throw new InvalidWorkflowException(application.Id, problems);
        }
    }

    /// <summary>Every problem of <paramref name="application"/> (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(ApplicationDefinition application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var problems = new List<string>();
        if (string.IsNullOrEmpty(application.Id) || !application.Id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            problems.Add($"Application id '{application.Id}' must be non-empty lowercase letters, digits and '-'.");
        }

        if (string.IsNullOrWhiteSpace(application.Title))
        {
            problems.Add($"Application '{application.Id}' has no title.");
        }

        if (string.IsNullOrWhiteSpace(application.Version))
        {
            problems.Add($"Application '{application.Id}' has no version.");
        }

        ValidateComposite(application, application.Id, problems);
        return problems;
    }

    private static void ValidateComposite(CompositeStep composite, string path, List<string> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in composite.Steps)
        {
            if (string.IsNullOrWhiteSpace(step.Name) || step.Name == Endpoint.Boundary)
            {
                problems.Add($"{path}: a step has the invalid name '{step.Name}'.");
            }
            else if (!names.Add(step.Name))
            {
                problems.Add($"{path}: duplicate step name '{step.Name}'.");
            }

            ValidatePorts(step, $"{path}/{step.Name}", problems);
            switch (step)
            {
                case InteractiveStep interactive:
                    ValidateInteractive(interactive, $"{path}/{step.Name}", problems);
                    break;
                case CompositeStep nested:
                    ValidateComposite(nested, $"{path}/{step.Name}", problems);
                    break;
            }
        }

        if (composite.FindStep(composite.EntryStep) is null)
        {
            problems.Add($"{path}: unknown entry step '{composite.EntryStep}'.");
        }

        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var connection in composite.Connections)
        {
            ValidateConnection(composite, path, connection, problems, edges);
        }

        foreach (var group in composite.Connections.GroupBy(c => c.From).Where(g => g.Count(c => c.When is null) > 1))
        {
            problems.Add($"{path}: output port '{group.Key.Port}' of step '{group.Key.Step}' has {group.Count(c => c.When is null)} connections without a rule; at most one may be the default.");
        }

        foreach (var step in composite.Steps)
        {
            foreach (var output in step.Outputs)
            {
                if (!composite.Connections.Any(c => c.From.Step == step.Name && c.From.Port == output.Name))
                {
                    problems.Add($"{path}: output port '{output.Name}' of step '{step.Name}' is not connected.");
                }
            }
        }

        ReportUnreachable(composite, path, edges, problems);
        ReportLoopsWithoutInteraction(composite, path, edges, problems);
    }

    private static void ValidatePorts(StepDefinition step, string path, List<string> problems)
    {
        foreach (var (ports, kind) in new[] { (step.Inputs, "input"), (step.Outputs, "output") })
        {
            foreach (var duplicate in ports.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add($"{path}: duplicate {kind} port '{duplicate.Key}'.");
            }

            foreach (var port in ports)
            {
                foreach (var duplicate in port.Parameters.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
                {
                    problems.Add($"{path}: {kind} port '{port.Name}' has duplicate parameter '{duplicate.Key}'.");
                }
            }
        }
    }

    private static void ValidateInteractive(InteractiveStep step, string path, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(step.Title))
        {
            problems.Add($"{path}: interactive step has no title.");
        }

        if (step.Actions.Count == 0)
        {
            problems.Add($"{path}: interactive step declares no action.");
        }

        foreach (var duplicate in step.Actions.GroupBy(a => a.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{path}: duplicate action '{duplicate.Key}'.");
        }

        foreach (var action in step.Actions)
        {
            foreach (var input in action.Inputs.Where(i => i.ValueType != typeof(string) && i.ValueType != typeof(long)))
            {
                problems.Add($"{path}: input '{input.Name}' of action '{action.Name}' has type {input.ValueType.Name}; inputs are string or long.");
            }

            foreach (var input in action.Inputs)
            {
                foreach (var problem in InputChecks.DeclarationProblems(input))
                {
                    problems.Add($"{path}: input '{input.Name}' of action '{action.Name}': {problem}");
                }
            }

            var port = step.FindOutput(action.OutputPort)!;
            foreach (var parameter in port.Parameters)
            {
                var input = action.Inputs.FirstOrDefault(i => i.Name == parameter.Name);
                if (input is null)
                {
                    problems.Add($"{path}: action '{action.Name}' leaves through port '{port.Name}' but has no input '{parameter.Name}' the port carries.");
                }
                else if (input.ValueType != parameter.Type)
                {
                    problems.Add($"{path}: action '{action.Name}' input '{input.Name}' is {input.ValueType.Name} but port '{port.Name}' carries it as {parameter.Type.Name}.");
                }
            }
        }
    }

    private static void ValidateConnection(CompositeStep composite, string path, Connection connection, List<string> problems, Dictionary<string, List<string>> edges)
    {
        var where = $"{path}: connection {connection.From} -> {connection.To}";
        PortDefinition? source = null;
        if (connection.From.Step == Endpoint.Boundary)
        {
            problems.Add($"{where}: connections start at a step's output port, not at the composite itself.");
        }
        else if (composite.FindStep(connection.From.Step) is not { } from)
        {
            problems.Add($"{where}: unknown step '{connection.From.Step}'.");
        }
        else if ((source = from.FindOutput(connection.From.Port)) is null)
        {
            problems.Add($"{where}: step '{from.Name}' has no output port '{connection.From.Port}' (it has: {Names(from.Outputs)}).");
        }

        PortDefinition? target = null;
        if (connection.To.Step == Endpoint.Boundary)
        {
            if ((target = composite.FindOutput(connection.To.Port)) is null)
            {
                problems.Add($"{where}: '{composite.Name}' has no output port '{connection.To.Port}' to exit through (it has: {Names(composite.Outputs)}).");
            }
        }
        else if (composite.FindStep(connection.To.Step) is not { } to)
        {
            problems.Add($"{where}: unknown step '{connection.To.Step}'.");
        }
        else if ((target = to.FindInput(connection.To.Port)) is null)
        {
            problems.Add($"{where}: step '{to.Name}' has no input port '{connection.To.Port}' (it has: {Names(to.Inputs)}).");
        }
        else if (source is not null)
        {
            if (!edges.TryGetValue(connection.From.Step, out var list))
            {
                edges[connection.From.Step] = list = [];
            }

            list.Add(connection.To.Step);
        }

        if (source is null || target is null)
        {
            return;
        }

        foreach (var parameter in target.Parameters)
        {
            var carried = source.Parameters.FirstOrDefault(p => p.Name == parameter.Name);
            if (carried is null)
            {
                problems.Add($"{where}: parameter '{parameter.Name}' ({parameter.Type.Name}) of port '{connection.To.Port}' is not carried by port '{connection.From.Port}'.");
            }
            else if (!parameter.Type.IsAssignableFrom(carried.Type))
            {
                problems.Add($"{where}: parameter '{parameter.Name}' is {carried.Type.Name} at port '{connection.From.Port}' but {parameter.Type.Name} at port '{connection.To.Port}'.");
            }
        }
    }

    private static void ReportUnreachable(CompositeStep composite, string path, Dictionary<string, List<string>> edges, List<string> problems)
    {
        if (composite.FindStep(composite.EntryStep) is null)
        {
            return;
        }

        var reached = new HashSet<string>(StringComparer.Ordinal) { composite.EntryStep };
        var queue = new Queue<string>([composite.EntryStep]);
        while (queue.TryDequeue(out var step))
        {
            foreach (var next in edges.GetValueOrDefault(step) ?? [])
            {
                if (reached.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        foreach (var step in composite.Steps.Where(s => !reached.Contains(s.Name)))
        {
            problems.Add($"{path}: step '{step.Name}' is unreachable from the entry step '{composite.EntryStep}'.");
        }
    }

    private static void ReportLoopsWithoutInteraction(CompositeStep composite, string path, Dictionary<string, List<string>> edges, List<string> problems)
    {
        foreach (var component in StronglyConnectedComponents(composite.Steps.Select(s => s.Name).Distinct(StringComparer.Ordinal).ToList(), edges))
        {
            var isLoop = component.Count > 1 || (edges.GetValueOrDefault(component[0])?.Contains(component[0]) ?? false);
            if (isLoop && !component.Any(name => Waits(composite.FindStep(name))))
            {
                problems.Add($"{path}: steps {string.Join(", ", component.Select(c => $"'{c}'"))} form a loop with no interactive step (it would never stop).");
            }
        }
    }

    private static bool Waits(StepDefinition? step) => step switch
    {
        InteractiveStep => true,
        CompositeStep composite => composite.Steps.Any(Waits),
        _ => false,
    };

    // Tarjan's algorithm.
    private static List<List<string>> StronglyConnectedComponents(List<string> nodes, Dictionary<string, List<string>> edges)
    {
        var index = 0;
        var indices = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<List<string>>();

        void Visit(string node)
        {
            indices[node] = low[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (!indices.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], nextIndex);
                }
            }

            if (low[node] == indices[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                component.Reverse();
                result.Add(component);
            }
        }

        foreach (var node in nodes.Where(n => !indices.ContainsKey(n)))
        {
            Visit(node);
        }

        return result;
    }

    private static string Names(IReadOnlyList<PortDefinition> ports) => ports.Count == 0 ? "none" : string.Join(", ", ports.Select(p => p.Name));
}
