using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Workflows.Hosting;
using OrleansPlatform.Workflows.Model;

namespace OrleansPlatform.TestPackages.Greeting;

/// <summary>The entry point: registers <c>greeting</c> at this assembly's version, and the greeter its steps use.</summary>
public sealed class GreetingPackage : IApplicationPackage
{
    public const string Id = "greeting";

    /// <summary>The project's &lt;Version&gt; (a build with <c>-p:Version=2.0.0</c> is version 2.0.0).</summary>
    public static string Version { get; } =
        typeof(GreetingPackage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";

    public void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(new Greeter(Version));
        services.AddWorkflowApplication(Create());
    }

    public static ApplicationDefinition Create() => new(
        Id,
        "Greeting",
        Version,
        [
            new InteractiveStep(
                "form",
                [PortDefinition.Of("show")],
                "Who are you?",
                _ => new { version = Version },
                [new ActionDefinition("greet", "greeted", [InputField.Text("name", label: "Name")])]),
            new SimpleStep(
                "compose",
                [PortDefinition.Of("request", ParameterDefinition.Of<string>("name"))],
                [PortDefinition.Of("composed")],
                context =>
                {
                    context.Set("greeting", context.Service<Greeter>().Greet(context.Get<string>("name") ?? ""));
                    return Task.FromResult("composed");
                }),
            new InteractiveStep(
                "hello",
                [PortDefinition.Of("show")],
                "Hello",
                context => new { greeting = context.Get<string>("greeting"), version = Version },
                [ActionDefinition.Of("again", "again")]),
        ],
        [
            Connection.Of("form", "greeted", "compose", "request"),
            Connection.Of("compose", "composed", "hello", "show"),
            Connection.Of("hello", "again", "form", "show"),
        ],
        "form")
    {
        Description = "A test application package.",
    };
}
