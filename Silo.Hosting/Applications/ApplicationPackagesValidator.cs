using Microsoft.Extensions.Options;

namespace OrleansPlatform.Silo.Hosting.Applications;

/// <summary>Refuses start-up when a configured package was refused at composition, naming every problem of every package.</summary>
internal sealed class ApplicationPackagesValidator(ConfiguredApplicationPackages packages) : IValidateOptions<ApplicationPackagesOptions>
{
    public ValidateOptionsResult Validate(string? name, ApplicationPackagesOptions options) =>
        packages.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(packages.Problems);
}
