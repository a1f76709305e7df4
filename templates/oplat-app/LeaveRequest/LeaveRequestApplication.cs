using System.Reflection;
using OrleansPlatform.Workflows.Model;

namespace LeaveRequest;

/// <summary>
/// The leave-request application: a form, a check, done. docs/authoring.md (in the OrleansPlatform repository) grows
/// it step by step: more fields, a rule, a confirmation page.
/// </summary>
public static class LeaveRequestApplication
{
    /// <summary>The application id: its URL is /apps/leave-request.</summary>
    public const string Id = "leave-request";

    /// <summary>This project's &lt;Version&gt;: the version a deploy stores and new sessions start on.</summary>
    public static string Version { get; } =
        typeof(LeaveRequestApplication).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";

    /// <summary>The application definition.</summary>
    public static ApplicationDefinition Create() => new(
        Id,
        "Leave Request",
        Version,
        [
            new InteractiveStep(
                "form",
                [PortDefinition.Of("show")],
                "Leave Request",
                _ => new { },
                [new ActionDefinition("submit", "submitted", [InputField.Text("employee", label: "Employee")])]),
            new SimpleStep(
                "check",
                [PortDefinition.Of("request", ParameterDefinition.Of<string>("employee"))],
                [PortDefinition.Of("checked")],
                context =>
                {
                    if (string.IsNullOrWhiteSpace(context.Get<string>("employee")))
                    {
                        // The form is shown again, with this message next to the field.
                        throw InvalidInputException.For("employee", "must name the employee.");
                    }

                    return Task.FromResult("checked");
                }),
            new InteractiveStep(
                "done",
                [PortDefinition.Of("show")],
                "Request sent",
                context => new { employee = context.Get<string>("employee") },
                [ActionDefinition.Of("new-request", "again")]),
        ],
        [
            Connection.Of("form", "submitted", "check", "request"),
            Connection.Of("check", "checked", "done", "show"),
            Connection.Of("done", "again", "form", "show"),
        ],
        "form")
    {
        Description = "Ask for leave and send the request.",
    };
}
