namespace OrleansPlatform.Runtime;

/// <summary>A registered grain timer. Dispose to stop it.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes the due time and period; takes effect after the current tick.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
