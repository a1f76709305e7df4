using OrleansPlatform.Workflows.Model;

namespace OrleansPlatform.Workflows.Access;

/// <summary>Who may use an application: what it declares, tightened by the operator's <see cref="ApplicationAccessOptions"/>.</summary>
public interface IApplicationAccessPolicy
{
    /// <summary>The access in force for <paramref name="application"/>.</summary>
    ApplicationAccess AccessOf(ApplicationDefinition application);
}
