namespace OrleansPlatform.Runtime;

/// <summary>
/// Names the grain type of a grain class. Without it the type name is the class name, lower-cased, without a
/// trailing "Grain" (<c>CounterGrain</c> is <c>counter</c>). The name is part of every grain id and is stored in the
/// cluster database, so it must not change once data exists.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute : Attribute
{
    /// <summary>Names the grain type.</summary>
    public GrainTypeAttribute(string name) => Name = name;

    /// <summary>The grain type name.</summary>
    public string Name { get; }
}
