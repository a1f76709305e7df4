namespace OrleansPlatform.Runtime;

/// <summary>Persistent state injected into a grain constructor parameter marked with <see cref="PersistentStateAttribute"/>.</summary>
public interface IPersistentState<TState> : IStorage<TState>
{
}
