using System.Globalization;
using OrleansPlatform.Workflows.Model;

namespace OrleansPlatform.Workflows.Applications.LeaveRequest;

/// <summary>
/// <c>leave-request</c>, the application of docs/authoring.md written from that guide alone (its proof): a form
/// (employee, first day, number of days, reason), the rule "days 1..30", a confirmation page, done. It uses the
/// authoring surface only: no database, no platform service.
/// </summary>
public static class LeaveRequestApplication
{
    /// <summary>The application id.</summary>
    public const string Id = "leave-request";

    /// <summary>Fewest days one request may ask for.</summary>
    public const long MinDays = 1;

    /// <summary>Most days one request may ask for.</summary>
    public const long MaxDays = 30;

    /// <summary>The rule "days 1..30": checked before the confirmation page, and again before the request is sent.</summary>
    public static readonly Rule DaysInRange = new($"days {MinDays}..{MaxDays}", c => c.Get<long>("days") is >= MinDays and <= MaxDays);

    /// <summary>The application definition.</summary>
    public static ApplicationDefinition Create(string version = "1.0") => new(
        Id,
        "Leave request",
        version,
        [
            new InteractiveStep(
                "form",
                [PortDefinition.Of("show")],
                "Request leave",
                _ => new { minDays = MinDays, maxDays = MaxDays },
                [
                    new ActionDefinition("submit", "submitted",
                    [
                        InputField.Text("employee", label: "Employee"),
                        InputField.Text("from", label: "First day (YYYY-MM-DD)"),
                        InputField.Number("days", label: "Days"),
                        InputField.Text("reason", required: false, label: "Reason"),
                    ]),
                ]),
            new SimpleStep(
                "check",
                [PortDefinition.Of("request", ParameterDefinition.Of<string>("employee"), ParameterDefinition.Of<string>("from"), ParameterDefinition.Of<long>("days"), ParameterDefinition.Of<string>("reason"))],
                [PortDefinition.Of("checked")],
                CheckAsync),
            new InteractiveStep(
                "confirm",
                [PortDefinition.Of("show")],
                "Confirm your request",
                context => new
                {
                    employee = context.Get<string>("employee"),
                    from = context.Get<string>("from"),
                    to = context.Get<string>("to"),
                    days = context.Get<long>("days"),
                    reason = context.Get<string>("reason") ?? "",
                },
                [ActionDefinition.Of("confirm", "confirmed", DaysInRange), ActionDefinition.Of("change", "change")]),
            new InteractiveStep(
                "done",
                [PortDefinition.Of("show")],
                "Request sent",
                context => new
                {
                    reference = Reference(context.SessionId),
                    employee = context.Get<string>("employee"),
                    from = context.Get<string>("from"),
                    to = context.Get<string>("to"),
                    days = context.Get<long>("days"),
                },
                [ActionDefinition.Of("new-request", "again")]),
        ],
        [
            Connection.Of("form", "submitted", "check", "request"),
            Connection.Of("check", "checked", "confirm", "show"),
            Connection.Of("confirm", "change", "form", "show"),
            Connection.Of("confirm", "confirmed", "done", "show"),
            Connection.Of("done", "again", "form", "show"),
        ],
        "form")
    {
        Description = "Ask for 1 to 30 days of leave, check the dates and send the request.",
    };

    /// <summary>The request's reference, shown on the last page: derived from the session, so a repeat shows the same one.</summary>
    public static string Reference(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return "LR-" + sessionId[..Math.Min(8, sessionId.Length)].ToUpperInvariant();
    }

    // Every problem is an invalid input naming its field: the form is shown again with the message next to it.
    private static Task<string> CheckAsync(StepContext context)
    {
        if (string.IsNullOrWhiteSpace(context.Get<string>("employee")))
        {
            throw InvalidInputException.For("employee", "must name the employee.");
        }

        var from = context.Get<string>("from");
        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            throw InvalidInputException.For("from", $"must be a date as YYYY-MM-DD (got '{from}').");
        }

        if (!DaysInRange.Condition(context))
        {
            throw InvalidInputException.For("days", $"must be between {MinDays} and {MaxDays} (got {context.Get<long>("days")}).");
        }

        context.Set("to", first.AddDays((int)context.Get<long>("days") - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return Task.FromResult("checked");
    }
}
