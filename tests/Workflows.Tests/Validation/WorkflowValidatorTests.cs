using OrleansPlatform.Workflows.Applications.CatalogSearch;
using OrleansPlatform.Workflows.Applications.OrderEntry;
using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.Validation;

namespace OrleansPlatform.Workflows.Tests.Validation;

public sealed class WorkflowValidatorTests
{
    private static SimpleStep Simple(string name, PortDefinition[] inputs, PortDefinition[] outputs) =>
        new(name, inputs, outputs, _ => Task.FromResult(outputs[0].Name));

    [Fact]
    public void The_bundled_applications_are_valid()
    {
        var problems = WorkflowValidator.Validate(CatalogSearchApplication.Create()).Concat(WorkflowValidator.Validate(OrderEntryApplication.Create())).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void An_invalid_workflow_reports_every_problem_at_once()
    {
        var application = new ApplicationDefinition(
            "broken",
            "Broken",
            "1",
            [
                new InteractiveStep("ask", [], "Ask", _ => new { }, [new ActionDefinition("go", "went", [InputField.Number("count")])]),
                Simple("count", [PortDefinition.Of("in", ParameterDefinition.Of<string>("count"))], [PortDefinition.Of("out")]),
                Simple("spin-a", [PortDefinition.Of("in")], [PortDefinition.Of("out")]),
                Simple("spin-b", [PortDefinition.Of("in")], [PortDefinition.Of("out")]),
                Simple("orphan", [PortDefinition.Of("in")], [PortDefinition.Of("out")]),
                Simple("orphan", [PortDefinition.Of("in")], [PortDefinition.Of("out")]),
            ],
            [
                Connection.Of("ask", "went", "count", "in"),
                Connection.Of("count", "out", "spin-a", "in"),
                Connection.Of("spin-a", "out", "spin-b", "in"),
                Connection.Of("spin-b", "out", "spin-a", "in"),
                Connection.Of("ask", "nowhere", "count", "in"),
                Connection.Of("count", "out", "ghost", "in"),
            ],
            "start");

        var error = Assert.Throws<InvalidWorkflowException>(() => WorkflowValidator.EnsureValid(application));

        Assert.Contains(error.Problems, p => p.Contains("duplicate step name 'orphan'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("unknown entry step 'start'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("step 'ask' has no output port 'nowhere'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("unknown step 'ghost'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("parameter 'count' is Int64 at port 'went' but String at port 'in'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("'spin-a', 'spin-b' form a loop with no interactive step", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("output port 'out' of step 'orphan' is not connected", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("output port 'out' of step 'count' has 2 connections without a rule", StringComparison.Ordinal));
        Assert.True(error.Problems.Count >= 8, string.Join("\n", error.Problems));
        Assert.Contains("broken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreachable_steps_and_unknown_exits_are_reported()
    {
        var application = new ApplicationDefinition(
            "partial",
            "Partial",
            "1",
            [
                new InteractiveStep("home", [PortDefinition.Of("show")], "Home", _ => new { }, [ActionDefinition.Of("stay", "stay"), ActionDefinition.Of("leave", "leave")]),
                new InteractiveStep("island", [PortDefinition.Of("show")], "Island", _ => new { }, [ActionDefinition.Of("back", "back")]),
            ],
            [
                Connection.Of("home", "stay", "home", "show"),
                Connection.Of("home", "leave", Endpoint.Boundary, "done"),
                Connection.Of("island", "back", "home", "show"),
            ],
            "home");

        var problems = WorkflowValidator.Validate(application);

        Assert.Contains(problems, p => p.Contains("step 'island' is unreachable", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'partial' has no output port 'done'", StringComparison.Ordinal));
    }
}
