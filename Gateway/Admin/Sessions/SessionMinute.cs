namespace OrleansPlatform.Gateway.Admin.Sessions;

/// <summary>Session events in one minute.</summary>
/// <param name="Minute">The minute's start (UTC).</param>
/// <param name="Started">Sessions started.</param>
/// <param name="FailOvers">Sessions rebuilt on another silo after a failure.</param>
/// <param name="TimeOuts">Sessions found idle past their timeout.</param>
public sealed record SessionMinute(DateTimeOffset Minute, int Started, int FailOvers, int TimeOuts);
