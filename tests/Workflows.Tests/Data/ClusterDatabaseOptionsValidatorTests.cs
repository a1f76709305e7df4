using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Workflows.Tests.Data;

public sealed class ClusterDatabaseOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid_sqlite_under_data()
    {
        var options = new ClusterDatabaseOptions();

        Assert.Equal("Sqlite", options.Provider);
        Assert.Equal("Data Source=./data/orleansplatform.db", options.ConnectionString);
        Assert.Equal(DatabaseProvider.Sqlite, options.Kind);
        Assert.True(new ClusterDatabaseOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("sqlite", DatabaseProvider.Sqlite)]
    [InlineData("Postgres", DatabaseProvider.Postgres)]
    [InlineData("POSTGRESQL", DatabaseProvider.Postgres)]
    [InlineData(" postgres ", DatabaseProvider.Postgres)]
    public void Known_providers_are_accepted_ignoring_case(string provider, DatabaseProvider kind)
    {
        var options = new ClusterDatabaseOptions
        {
            Provider = provider,
            ConnectionString = kind == DatabaseProvider.Postgres ? "Host=127.0.0.1;Username=postgres" : "Data Source=x.db",
        };

        Assert.True(new ClusterDatabaseOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(kind, options.Kind);
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")]
    [InlineData("")]
    public void An_unknown_provider_is_rejected_naming_it(string provider)
    {
        var options = new ClusterDatabaseOptions { Provider = provider };
        var result = new ClusterDatabaseOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Database:Provider '{provider}'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("'Sqlite' or 'Postgres'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => options.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void An_empty_connection_string_is_rejected(string connectionString)
    {
        var result = new ClusterDatabaseOptionsValidator().Validate(null, new ClusterDatabaseOptions { ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Contains("Database:ConnectionString is empty", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Postgres", "Host=db;Password=hunter2-secret;Colour=blue")]
    [InlineData("Sqlite", "Data Source=x.db;Password=hunter2-secret;Colour=blue")]
    public void A_connection_string_the_provider_cannot_parse_is_rejected_without_echoing_it(string provider, string connectionString)
    {
        var result = new ClusterDatabaseOptionsValidator().Validate(null, new ClusterDatabaseOptions { Provider = provider, ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Contains("is not a valid", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(provider, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolving_the_database_with_an_unknown_provider_fails_with_the_message()
    {
        using var services = new ServiceCollection().AddClusterDatabase(options => options.Provider = "Oracle").BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IClusterDatabase>());
        Assert.Contains("'Oracle' is not a known database provider", error.Message, StringComparison.Ordinal);
    }
}
