using Microsoft.Extensions.Options;

namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>Validates <see cref="CatalogOptions"/>.</summary>
internal sealed class CatalogOptionsValidator : IValidateOptions<CatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        var failures = new List<string>();
        if (options.SeedProducts is < 0 or > 1_000_000)
        {
            failures.Add($"Catalog:SeedProducts must be between 0 and 1000000 (got {options.SeedProducts}).");
        }

        if (options.StockLockWait <= TimeSpan.Zero)
        {
            failures.Add($"Catalog:StockLockWait must be positive (got {options.StockLockWait}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
