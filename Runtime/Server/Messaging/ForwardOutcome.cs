namespace OrleansPlatform.Runtime.Messaging;

/// <summary>What became of a work item sent to another silo.</summary>
/// <param name="Handled">True when the item is complete (answered, failed, or one-way sent); false when the other silo refused it without running it.</param>
/// <param name="RejectReason">Why it was refused, when not handled.</param>
internal readonly record struct ForwardOutcome(bool Handled, string? RejectReason)
{
    public static ForwardOutcome Done { get; } = new(true, null);

    public static ForwardOutcome Rejected(string? reason) => new(false, reason ?? "rejected");
}
