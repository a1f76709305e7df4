using System.Globalization;
using System.Text.Json;
using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.Pools;
using OrleansPlatform.Workflows.Views;

namespace OrleansPlatform.Workflows.Engine;

/// <summary>See <see cref="IWorkflowEngine"/>.</summary>
internal sealed class WorkflowEngine(IServiceProvider services) : IWorkflowEngine
{
    /// <summary>Steps one interaction may run before it is considered runaway.</summary>
    public const int MaxStepsPerInteraction = 1000;

    internal static readonly JsonSerializerOptions ViewJson = new(JsonSerializerDefaults.Web);

    public Task StartAsync(ApplicationDefinition application, GlobalPool pools, string sessionId, CancellationToken cancellationToken) =>
        StartAsync(application, pools, sessionId, null, cancellationToken);

    public async Task StartAsync(ApplicationDefinition application, GlobalPool pools, string sessionId, string? user, CancellationToken cancellationToken)
    {
        pools.Clear();
        pools.Composites.Add(new CompositeStepPool(application.Id));
        var context = new StepContext(sessionId, pools, services, cancellationToken) { User = user };
        await RunAsync(application, context, application.FindStep(application.EntryStep)!, null);
    }

    public Task ActAsync(ApplicationDefinition application, GlobalPool pools, string sessionId, string action, IReadOnlyDictionary<string, string?> inputs, CancellationToken cancellationToken) =>
        ActAsync(application, pools, sessionId, null, action, inputs, cancellationToken);

    public async Task ActAsync(ApplicationDefinition application, GlobalPool pools, string sessionId, string? user, string action, IReadOnlyDictionary<string, string?> inputs, CancellationToken cancellationToken)
    {
        var context = new StepContext(sessionId, pools, services, cancellationToken) { User = user };
        var step = CurrentInteractive(application, pools);
        var definition = step.FindAction(action)
            ?? throw new InvalidActionException($"Action '{action}' does not exist in step '{step.Name}' of {application.Id} (available: {string.Join(", ", Offered(step, context).Select(a => a.Name))}).");
        if (definition.EnabledWhen is { } rule && !rule.Condition(context))
        {
            throw new InvalidActionException($"Action '{action}' is not allowed in step '{step.Name}' now ({rule.Description} does not hold).");
        }

        var parsed = InputChecks.Parse(definition, inputs);
        pools.Interactive.Clear();
        foreach (var (name, value) in parsed)
        {
            pools.Interactive.Set(name, value);
            pools.Current.Values.Set(name, value);
        }

        var (next, port) = Follow(application, context, step.Name, definition.OutputPort);
        await RunAsync(application, context, next, port);
    }

    public SessionView Render(ApplicationDefinition application, GlobalPool pools, string sessionId)
    {
        var context = new StepContext(sessionId, pools, services, CancellationToken.None);
        var step = CurrentInteractive(application, pools);
        var data = JsonSerializer.SerializeToElement(step.Data(context), ViewJson);
        var actions = Offered(step, context).Select(a => ViewOf(a, context)).ToList();
        return new SessionView(application.Id, step.Name, step.Title, data, actions)
        {
            Notice = step.Notice?.Invoke(context),
            Formats = step.Formats,
        };
    }

    private static ViewAction ViewOf(ActionDefinition action, StepContext context) =>
        new(action.Name, action.Inputs.Select(i => ViewOf(i, context)).ToList())
        {
            Label = action.DisplayLabel,
            Disabled = action.DisabledWhen?.Condition(context) == true,
            Rows = action.Rows,
            Primary = action.Primary,
        };

    // A field shown again holds what the running composite's pool has under its name (typed last, or carried in by the
    // port the step was entered through): a re-prompt comes back filled.
    private static ViewInput ViewOf(InputField field, StepContext context) =>
        new(field.Name, field.FieldType.ToString().ToLowerInvariant(), field.Required, field.DisplayLabel)
        {
            Value = field.KeepValue && field.FieldType != InputFieldType.Hidden && context.Values[field.Name] is (string or long) and var kept
                ? Convert.ToString(kept, CultureInfo.InvariantCulture)
                : field.Default,
            Min = field.Min,
            Max = field.Max,
            Pattern = field.Pattern,
            MaxLength = field.MaxLength,
            Help = field.Help,
            Choices = field.Choices?.Select(c => new ViewChoice(c.Value, c.Label)).ToList(),
        };

    /// <summary>The composite definition of each pool on the stack, bottom first.</summary>
    internal static CompositeStep CurrentComposite(ApplicationDefinition application, GlobalPool pools)
    {
        CompositeStep composite = application;
        for (var i = 1; i < pools.Composites.Count; i++)
        {
            composite = composite.FindStep(pools.Composites[i].Step) as CompositeStep
                ?? throw new WorkflowRuntimeException($"The session's position names composite '{pools.Composites[i].Step}', which {composite.Name} does not have.");
        }

        return composite;
    }

    private static InteractiveStep CurrentInteractive(ApplicationDefinition application, GlobalPool pools)
    {
        var composite = CurrentComposite(application, pools);
        return composite.FindStep(pools.Current.CurrentStep) as InteractiveStep
            ?? throw new WorkflowRuntimeException($"The session is at '{pools.Current.CurrentStep}' in {composite.Name}, which is not an interactive step.");
    }

    private static IEnumerable<ActionDefinition> Offered(InteractiveStep step, StepContext context) =>
        step.Actions.Where(a => a.EnabledWhen is null || a.EnabledWhen.Condition(context));

    private static async Task RunAsync(ApplicationDefinition application, StepContext context, StepDefinition step, string? port)
    {
        var pools = context.Pools;
        for (var count = 0; ; count++)
        {
            if (count >= MaxStepsPerInteraction)
            {
                throw new WorkflowRuntimeException($"{application.Id} ran {MaxStepsPerInteraction} steps without reaching an interactive step (last: '{step.Name}').");
            }

            pools.Current.CurrentStep = step.Name;
            pools.Current.EnteredPort = port;
            switch (step)
            {
                case InteractiveStep:
                    pools.Interactive.Clear();
                    return;
                case SimpleStep simple:
                    pools.Current.Simple.Clear();
                    var output = await simple.Operation(context);
                    pools.Current.Simple.Clear();
                    if (simple.FindOutput(output) is null)
                    {
                        throw new WorkflowRuntimeException($"Step '{simple.Name}' of {application.Id} left through '{output}', which is not one of its output ports.");
                    }

                    (step, port) = Follow(application, context, simple.Name, output);
                    break;
                case CompositeStep composite:
                    var outer = pools.Current;
                    var inner = new CompositeStepPool(composite.Name);
                    foreach (var parameter in (port is null ? null : composite.FindInput(port))?.Parameters ?? [])
                    {
                        inner.Values.Set(parameter.Name, outer.Values[parameter.Name]);
                    }

                    pools.Composites.Add(inner);
                    (step, port) = (composite.FindStep(composite.EntryStep)!, null);
                    break;
                default:
                    throw new WorkflowRuntimeException($"Step '{step.Name}' has an unsupported kind {step.Kind}.");
            }
        }
    }

    /// <summary>Where leaving <paramref name="fromStep"/> through <paramref name="port"/> leads, popping composites that are exited.</summary>
    private static (StepDefinition Step, string Port) Follow(ApplicationDefinition application, StepContext context, string fromStep, string port)
    {
        var pools = context.Pools;
        while (true)
        {
            var composite = CurrentComposite(application, pools);
            var connection = composite.Connections.FirstOrDefault(c => c.From.Step == fromStep && c.From.Port == port && c.When is not null && c.When.Condition(context))
                ?? composite.Connections.FirstOrDefault(c => c.From.Step == fromStep && c.From.Port == port && c.When is null)
                ?? throw new WorkflowRuntimeException($"No connection of {composite.Name} applies to {fromStep}.{port}.");
            if (connection.To.Step != Endpoint.Boundary)
            {
                return (composite.FindStep(connection.To.Step)!, connection.To.Port);
            }

            if (pools.Composites.Count == 1)
            {
                throw new WorkflowRuntimeException($"{application.Id} has no exit '{connection.To.Port}'.");
            }

            var inner = pools.Current;
            pools.Composites.RemoveAt(pools.Composites.Count - 1);
            foreach (var parameter in composite.FindOutput(connection.To.Port)?.Parameters ?? [])
            {
                pools.Current.Values.Set(parameter.Name, inner.Values[parameter.Name]);
            }

            (fromStep, port) = (composite.Name, connection.To.Port);
        }
    }
}
