namespace OrleansPlatform.Runtime.Scheduling;

/// <summary>The turn the current code runs in, if any; flows with the async call so outgoing calls know their caller.</summary>
internal static class RuntimeContext
{
    private static readonly AsyncLocal<TurnContext?> s_currentTurn = new();

    public static TurnContext? CurrentTurn
    {
        get => s_currentTurn.Value;
        set => s_currentTurn.Value = value;
    }
}
