using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Silo.Hosting;

/// <summary>Silo composition log messages (event ids 2000-2099; 2100-2199 silo services; 2200-2299 transport security).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Silo {SiloName} of cluster {ClusterId}: {Clustering} clustering, silo port {SiloPort}, gateway port {GatewayPort}, TLS {Tls}")]
    public static partial void Composed(ILogger logger, string siloName, string clusterId, string clustering, int siloPort, int gatewayPort, string tls);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Connecting to the cluster failed ({Reason}); retrying in {Delay}")]
    public static partial void ClientRetrying(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Silo {SiloName} is a warm standby: it joins the cluster once {Gate} exists")]
    public static partial void StandingBy(ILogger logger, string siloName, string gate);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Silo {SiloName} was released from standby after {Waited}; joining the cluster")]
    public static partial void ReleasedFromStandby(ILogger logger, string siloName, TimeSpan waited);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Application package {Package} ({Assembly}) loaded: {Applications}")]
    public static partial void PackageLoaded(ILogger logger, string package, string assembly, string applications);
}
