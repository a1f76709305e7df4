namespace OrleansPlatform.Runtime.Storage;

/// <summary>The state a grain sees when nothing is stored: a new instance, or <c>default</c> for value types.</summary>
internal static class DefaultState<TState>
{
    /// <summary>Whether <see cref="Create"/> can make a value: value types, and classes with a public parameterless constructor.</summary>
    public static readonly bool CanCreate =
        typeof(TState).IsValueType || (!typeof(TState).IsAbstract && typeof(TState).GetConstructor(Type.EmptyTypes) is not null);

    /// <summary>Makes the default state, or explains why the type cannot have one.</summary>
    public static TState Create()
    {
        if (typeof(TState).IsValueType)
        {
            return default!;
        }

        if (!CanCreate)
        {
            throw new InvalidOperationException(
                $"Grain state type {typeof(TState).FullName} has no public parameterless constructor, so storage cannot create its default "
                + "state when none is stored. Give it a parameterless constructor (e.g. a record with property initialisers).");
        }

        return Activator.CreateInstance<TState>();
    }
}
