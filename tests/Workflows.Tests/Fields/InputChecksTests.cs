using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.Validation;

namespace OrleansPlatform.Workflows.Tests.Fields;

/// <summary>The server-side checks made from an <see cref="InputField"/> declaration: the same rules the page renders.</summary>
public sealed class InputChecksTests
{
    private static readonly InputField Quantity = InputField.Number("quantity", label: "Quantity", min: 1, max: 1000);

    [Theory]
    [InlineData("1", 1L)]
    [InlineData(" 1000 ", 1000L)]
    [InlineData("+7", 7L)]
    public void A_number_within_its_bounds_is_parsed(string raw, long expected)
    {
        Assert.Null(InputChecks.Check(Quantity, raw, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("0", "must be between 1 and 1000 (got 0).")]
    [InlineData("1001", "must be between 1 and 1000 (got 1001).")]
    [InlineData("many", "must be a whole number (got 'many').")]
    [InlineData("1.5", "must be a whole number (got '1.5').")]
    [InlineData("", "is required.")]
    [InlineData(null, "is required.")]
    public void A_number_outside_its_declaration_is_refused_with_what_is_wrong(string? raw, string problem)
    {
        Assert.Equal(problem, InputChecks.Check(Quantity, raw, out var value));
        Assert.Null(value);
    }

    [Fact]
    public void One_bound_alone_is_checked_and_said()
    {
        Assert.Equal("must be at least 0 (got -1).", InputChecks.Check(InputField.Number("n", min: 0), "-1", out _));
        Assert.Equal("must be at most 30 (got 31).", InputChecks.Check(InputField.Number("n", max: 30), "31", out _));
        Assert.Null(InputChecks.Check(InputField.Number("n"), "-5", out var unbounded));
        Assert.Equal(-5L, unbounded);
    }

    [Fact]
    public void A_default_fills_an_empty_field_and_an_empty_optional_field_is_absent()
    {
        var withDefault = InputField.Number("days", min: 1, max: 30) with { Default = "5" };
        Assert.Null(InputChecks.Check(withDefault, "  ", out var filled));
        Assert.Equal(5L, filled);

        Assert.Null(InputChecks.Check(InputField.Text("note", required: false), "", out var absent));
        Assert.Null(absent);
    }

    [Fact]
    public void A_pattern_must_match_the_whole_text_and_its_hint_is_said()
    {
        var code = InputField.Text("code") with { Pattern = "[A-Z]{2}-[0-9]{4}", PatternHint = "two capital letters, a dash and four digits" };

        Assert.Null(InputChecks.Check(code, "AB-1234", out var value));
        Assert.Equal("AB-1234", value);
        Assert.Equal("must be two capital letters, a dash and four digits.", InputChecks.Check(code, "xAB-1234", out _));
        Assert.Equal("must be two capital letters, a dash and four digits.", InputChecks.Check(code, "AB-12345", out _));
        Assert.Equal("must match the pattern [a-z]+.", InputChecks.Check(InputField.Text("w") with { Pattern = "[a-z]+" }, "A", out _));
    }

    [Fact]
    public void A_choice_must_be_one_of_its_values()
    {
        var kind = InputField.Choice("kind", [new FieldChoice("annual", "Annual leave"), new FieldChoice("sick", "Sick leave")]);

        Assert.Null(InputChecks.Check(kind, "sick", out var value));
        Assert.Equal("sick", value);
        Assert.Equal("must be one of Annual leave, Sick leave (got 'Sick').", InputChecks.Check(kind, "Sick", out _));
    }

    [Fact]
    public void Text_longer_than_its_max_length_is_refused()
    {
        var shortText = InputField.Text("name") with { MaxLength = 5 };

        Assert.Null(InputChecks.Check(shortText, "abcde", out _));
        Assert.Equal("is longer than 5 characters.", InputChecks.Check(shortText, "abcdef", out _));
        Assert.Equal($"is longer than {InputField.DefaultMaxLength} characters.", InputChecks.Check(InputField.Text("t"), new string('x', InputField.DefaultMaxLength + 1), out _));
    }

    [Fact]
    public void Parsing_an_action_names_every_wrong_field_with_its_label_in_declaration_order()
    {
        var action = new ActionDefinition("request", "submitted", [InputField.Text("name", label: "Your name"), Quantity, InputField.Text("note", required: false)]);

        var refused = Assert.Throws<InvalidInputException>(() => InputChecks.Parse(action, new Dictionary<string, string?> { ["quantity"] = "0", ["ignored"] = "x" }));

        Assert.Equal("name", refused.Field);
        Assert.Equal(["name", "quantity"], refused.Errors!.Keys);
        Assert.Equal("Your name is required.", refused.Errors["name"]);
        Assert.Equal("Quantity must be between 1 and 1000 (got 0).", refused.Errors["quantity"]);
        Assert.Equal("Input 'name' is required. Input 'quantity' must be between 1 and 1000 (got 0).", refused.Message);

        var parsed = InputChecks.Parse(action, new Dictionary<string, string?> { ["name"] = " Ada ", ["quantity"] = "3" });
        Assert.Equal(new Dictionary<string, object> { ["name"] = "Ada", ["quantity"] = 3L }, parsed);
    }

    [Fact]
    public void A_step_can_refuse_one_field_with_the_same_shape()
    {
        var refused = InvalidInputException.For("productId", "names no product (7).");

        Assert.Equal("productId", refused.Field);
        Assert.Equal("Product id names no product (7).", refused.Errors!["productId"]);
        Assert.Equal("Input 'productId' names no product (7).", refused.Message);
    }

    [Fact]
    public void Unsound_declarations_are_reported_and_sound_ones_are_not()
    {
        Assert.Empty(InputChecks.DeclarationProblems(Quantity with { Default = "1", Help = "How many." }));
        Assert.Contains("min 5 is above max 1.", InputChecks.DeclarationProblems(InputField.Number("n", min: 5, max: 1)));
        Assert.Contains("min and max apply to number fields only.", InputChecks.DeclarationProblems(InputField.Text("t") with { Min = 1 }));
        Assert.Contains(InputChecks.DeclarationProblems(InputField.Text("t") with { Pattern = "[a-" }), p => p.StartsWith("pattern '[a-' is not a regular expression", StringComparison.Ordinal));
        Assert.Contains("declares choices but none.", InputChecks.DeclarationProblems(InputField.Choice("c", [])));
        Assert.Contains("declares the same choice value twice.", InputChecks.DeclarationProblems(InputField.Choice("c", [FieldChoice.Of("a"), FieldChoice.Of("a")])));
        Assert.Contains("a choice field needs choices, and only a choice field may have them.", InputChecks.DeclarationProblems(InputField.Text("t") with { Choices = [FieldChoice.Of("a")] }));
        Assert.Contains("default '0' must be between 1 and 1000 (got 0).", InputChecks.DeclarationProblems(Quantity with { Default = "0" }));
    }

    [Fact]
    public void The_validator_refuses_an_application_whose_field_is_unsound()
    {
        var application = new ApplicationDefinition(
            "fields-test",
            "Fields",
            "1.0",
            [new InteractiveStep("ask", [], "Ask", _ => new { }, [new ActionDefinition("go", "done", [InputField.Number("days", min: 30, max: 1)])])],
            [],
            "ask");

        var problems = WorkflowValidator.Validate(application);

        Assert.Contains("fields-test/ask: input 'days' of action 'go': min 30 is above max 1.", problems);
    }
}
