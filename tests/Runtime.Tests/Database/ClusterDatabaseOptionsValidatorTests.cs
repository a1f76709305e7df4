using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Database;

namespace OrleansPlatform.Runtime.Tests.Database;

public sealed class ClusterDatabaseOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid_sqlite_under_data()
    {
        var options = new ClusterDatabaseOptions();

        Assert.Equal("Sqlite", options.Provider);
        Assert.Equal("Data Source=./data/orleansplatform.db", options.ConnectionString);
        Assert.True(new ClusterDatabaseOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("Postgres")]
    [InlineData("POSTGRESQL")]
    public void Known_providers_are_accepted_ignoring_case(string provider)
    {
        Assert.True(new ClusterDatabaseOptionsValidator().Validate(null, new ClusterDatabaseOptions { Provider = provider }).Succeeded);
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")]
    [InlineData("")]
    public void An_unknown_provider_is_rejected_naming_it(string provider)
    {
        var result = new ClusterDatabaseOptionsValidator().Validate(null, new ClusterDatabaseOptions { Provider = provider });

        Assert.True(result.Failed);
        Assert.Contains($"'{provider}'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("'Sqlite' or 'Postgres'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_connection_string_is_rejected()
    {
        var result = new ClusterDatabaseOptionsValidator().Validate(null, new ClusterDatabaseOptions { ConnectionString = " " });

        Assert.True(result.Failed);
        Assert.Contains("ConnectionString is empty", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolving_the_database_with_an_unknown_provider_fails_with_the_message()
    {
        using var services = new ServiceCollection().AddClusterDatabase(options => options.Provider = "Oracle").BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IClusterDatabase>());
        Assert.Contains("'Oracle' is not a known database provider", error.Message, StringComparison.Ordinal);
    }
}
