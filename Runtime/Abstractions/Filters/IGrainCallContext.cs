using OrleansPlatform.Runtime.Invocation;

namespace OrleansPlatform.Runtime.Filters;

/// <summary>One grain call as seen by a call filter.</summary>
public interface IGrainCallContext
{
    /// <summary>The request, with its method and arguments.</summary>
    GrainRequest Request { get; }

    /// <summary>The called grain.</summary>
    GrainId TargetId { get; }

    /// <summary>The calling grain, or null when the call comes from outside any grain.</summary>
    GrainId? SourceId { get; }

    /// <summary>The result once <see cref="Invoke"/> completed; a filter may replace it.</summary>
    object? Result { get; set; }

    /// <summary>Runs the next filter, or the call itself after the last one.</summary>
    Task Invoke();
}
