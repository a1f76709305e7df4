using Microsoft.Extensions.Hosting;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>The inner Kestrel host of a <see cref="TransportListener"/> must not hook Ctrl+C or process exit itself.</summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
