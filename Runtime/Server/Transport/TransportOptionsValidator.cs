using System.Text;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>Validates <see cref="TransportOptions"/>. Messages never include the secret.</summary>
internal sealed class TransportOptionsValidator : IValidateOptions<TransportOptions>
{
    public ValidateOptionsResult Validate(string? name, TransportOptions options)
    {
        var failures = new List<string>();
        ValidateId(failures, nameof(TransportOptions.ClusterId), options.ClusterId);
        ValidateId(failures, nameof(TransportOptions.NodeId), options.NodeId);

        if (string.IsNullOrEmpty(options.ClusterSecret))
        {
            failures.Add("TransportOptions.ClusterSecret is required: set the secret shared by all members of the cluster.");
        }
        else if (options.ClusterSecret.Length < TransportOptions.MinClusterSecretLength)
        {
            failures.Add($"TransportOptions.ClusterSecret must be at least {TransportOptions.MinClusterSecretLength} characters long (it has {options.ClusterSecret.Length}).");
        }

        Positive(failures, nameof(TransportOptions.HandshakeTimeout), options.HandshakeTimeout);
        Positive(failures, nameof(TransportOptions.ConnectTimeout), options.ConnectTimeout);
        Positive(failures, nameof(TransportOptions.DefaultRequestTimeout), options.DefaultRequestTimeout);
        Positive(failures, nameof(TransportOptions.PingTimeout), options.PingTimeout);

        if (options.MaxFrameSize < TransportOptions.MinMaxFrameSize)
        {
            failures.Add($"TransportOptions.MaxFrameSize must be at least {TransportOptions.MinMaxFrameSize} bytes (it is {options.MaxFrameSize}).");
        }

        if (options.MaxInFlightRequestsPerConnection < 1)
        {
            failures.Add($"TransportOptions.MaxInFlightRequestsPerConnection must be at least 1 (it is {options.MaxInFlightRequestsPerConnection}).");
        }

        if (options.PingInterval < TimeSpan.Zero)
        {
            failures.Add("TransportOptions.PingInterval must not be negative (use TimeSpan.Zero to disable pings).");
        }

        if (options.ReconnectBackoffMin < TimeSpan.Zero || options.ReconnectBackoffMax < options.ReconnectBackoffMin)
        {
            failures.Add("TransportOptions.ReconnectBackoffMin must be >= 0 and <= ReconnectBackoffMax.");
        }

        if (options.Certificate is { HasPrivateKey: false })
        {
            failures.Add("TransportOptions.Certificate must include its private key to serve TLS.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> when the options are invalid.</summary>
    public static void ThrowIfInvalid(TransportOptions options)
    {
        var result = new TransportOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TransportOptions), result.Failures);
        }
    }

    private static void ValidateId(List<string> failures, string property, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"TransportOptions.{property} is required.");
        }
        else if (Encoding.UTF8.GetByteCount(value) > TransportOptions.MaxIdLength)
        {
            failures.Add($"TransportOptions.{property} must be at most {TransportOptions.MaxIdLength} UTF-8 bytes.");
        }
    }

    private static void Positive(List<string> failures, string property, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"TransportOptions.{property} must be positive (it is {value}).");
        }
    }
}
