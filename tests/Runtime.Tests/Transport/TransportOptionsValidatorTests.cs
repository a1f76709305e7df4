using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Transport;

namespace OrleansPlatform.Runtime.Tests.Transport;

public class TransportOptionsValidatorTests
{
    [Fact]
    public void Defaults_with_identity_and_secret_are_valid()
    {
        var options = new TransportOptions { ClusterId = "c", ClusterSecret = "0123456789abcdef" };

        Assert.True(new TransportOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(16 * 1024 * 1024, options.MaxFrameSize);
        Assert.Equal(1000, options.MaxInFlightRequestsPerConnection);
        Assert.Equal(TimeSpan.FromSeconds(5), options.HandshakeTimeout);
    }

    [Fact]
    public void Short_secret_is_rejected_without_echoing_it()
    {
        var options = new TransportOptions { ClusterId = "c", ClusterSecret = "tiny-secret" };

        var result = new TransportOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("ClusterSecret", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("tiny-secret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_setting_is_reported()
    {
        var options = new TransportOptions
        {
            ClusterId = " ",
            ClusterSecret = "",
            HandshakeTimeout = TimeSpan.Zero,
            MaxFrameSize = 10,
            MaxInFlightRequestsPerConnection = 0,
            ConnectTimeout = TimeSpan.FromSeconds(-1),
        };

        var result = new TransportOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        foreach (var name in new[] { "ClusterId", "ClusterSecret", "HandshakeTimeout", "MaxFrameSize", "MaxInFlightRequestsPerConnection", "ConnectTimeout" })
        {
            Assert.Contains(name, result.FailureMessage, StringComparison.Ordinal);
        }

        Assert.Throws<OptionsValidationException>(() => SiloTransport.CreateConnectionPool(options));
    }
}
