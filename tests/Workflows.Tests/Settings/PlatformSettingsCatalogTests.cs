using OrleansPlatform.Workflows.Settings;

namespace OrleansPlatform.Workflows.Tests.Settings;

public sealed class PlatformSettingsCatalogTests
{
    [Theory]
    [InlineData("Sessions:IdleTimeout", " 0:30:00 ", "00:30:00")]
    [InlineData("sessions:idletimeout", "1.00:00:00", "1.00:00:00")]
    [InlineData("Sessions:MaxRecordBytes", "8192", "8192")]
    [InlineData("Placement:Weight", "2.50", "2.5")]
    public void A_good_value_is_accepted_in_canonical_form(string key, string value, string canonical)
    {
        Assert.True(PlatformSettingsCatalog.All[key].TryNormalize(value, out var normalized, out var error), error);
        Assert.Equal(canonical, normalized);
    }

    [Theory]
    [InlineData("Sessions:IdleTimeout", "soon", "is not a duration")]
    [InlineData("Sessions:IdleTimeout", "00:00:00", "must be at least 00:00:01")]
    [InlineData("Sessions:IdleTimeout", "8.00:00:00", "must be at most 7.00:00:00")]
    [InlineData("Sessions:MaxRecordBytes", "12.5", "is not a whole number")]
    [InlineData("Sessions:MaxRecordBytes", "100", "must be at least 256")]
    [InlineData("Placement:Weight", "NaN", "is not a number")]
    [InlineData("Placement:Weight", "0", "must be at least 0.001")]
    [InlineData("Membership:NumMissedProbesLimit", "", "is not a whole number")]
    public void A_bad_value_is_refused_with_a_message_naming_the_key(string key, string value, string reason)
    {
        Assert.False(PlatformSettingsCatalog.All[key].TryNormalize(value, out _, out var error));
        Assert.StartsWith(PlatformSettingsCatalog.All[key].Key + ":", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_very_long_bad_value_is_shortened_in_the_message()
    {
        Assert.False(PlatformSettingsCatalog.All["Sessions:IdleTimeout"].TryNormalize(new string('x', 5000), out _, out var error));
        Assert.True(error.Length < 200, error);
    }

    [Fact]
    public void A_call_attempt_may_not_outlast_the_retry_budget()
    {
        Assert.True(PlatformSettingsCatalog.CheckCombination(_ => null, out _));
        Assert.True(PlatformSettingsCatalog.CheckCombination(k => k == "Gateway:CallAttemptTimeout" ? "00:00:25" : null, out _));
        Assert.False(PlatformSettingsCatalog.CheckCombination(k => k == "Gateway:CallAttemptTimeout" ? "00:00:26" : null, out var error));
        Assert.Contains("Gateway:RetryBudget", error, StringComparison.Ordinal);
        Assert.True(PlatformSettingsCatalog.CheckCombination(k => k == "Gateway:CallAttemptTimeout" ? "00:01:00" : k == "Gateway:RetryBudget" ? "00:02:00" : null, out _));
    }

    [Fact]
    public void The_digest_depends_on_values_in_force_not_on_how_they_are_written()
    {
        var defaults = ConfigurationDigest.Of(_ => null);
        Assert.Matches("^[0-9a-f]{16}$", defaults);
        Assert.Equal(defaults, ConfigurationDigest.Of(k => k == "Sessions:IdleTimeout" ? "0:20:00" : null));
        Assert.Equal(defaults, ConfigurationDigest.Of(k => k == "Placement:Weight" ? "1.0" : null));
        Assert.NotEqual(defaults, ConfigurationDigest.Of(k => k == "Sessions:IdleTimeout" ? "00:21:00" : null));
        Assert.NotEqual(
            ConfigurationDigest.Of(k => k == "Sessions:IdleTimeout" ? "00:21:00" : null),
            ConfigurationDigest.Of(k => k == "Sessions:WriteBehindDelay" ? "00:21:00" : null));
    }
}
