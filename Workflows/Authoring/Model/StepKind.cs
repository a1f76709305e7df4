namespace OrleansPlatform.Workflows.Model;

/// <summary>The kinds of steps.</summary>
public enum StepKind
{
    /// <summary>One operation.</summary>
    Simple,

    /// <summary>A graph of steps joined by connections, with an entry step.</summary>
    Composite,

    /// <summary>Shows the user a view and waits for one of its actions.</summary>
    Interactive,

    /// <summary>The top-level composite of an application.</summary>
    Application,
}
