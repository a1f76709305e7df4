using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Runtime.Tests.Hosting;

public sealed class RuntimeOptionsValidationTests
{
    [Theory]
    [InlineData("GrainCollection:CollectionAge", "-00:00:01", "GrainCollection:CollectionAge must be positive")]
    [InlineData("GrainCollection:CollectionQuantum", "01:00:00", "must not exceed CollectionAge")]
    [InlineData("Messaging:ResponseTimeout", "00:00:00", "Messaging:ResponseTimeout must be positive")]
    [InlineData("Silo:ClusterId", " ", "Silo:ClusterId must not be empty")]
    public async Task An_invalid_setting_stops_start_up_with_a_message_naming_it(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => TestSilo.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_that_is_not_a_duration_is_refused()
    {
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(
            () => TestSilo.StartAsync(new Dictionary<string, string?> { ["Messaging:ResponseTimeout"] = "soon" }));

        Assert.Contains("ResponseTimeout", error.Message + error.InnerException?.Message, StringComparison.Ordinal);
    }
}
