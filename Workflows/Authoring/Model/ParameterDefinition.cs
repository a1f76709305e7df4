namespace OrleansPlatform.Workflows.Model;

/// <summary>A typed value carried by a port; values travel through the enclosing composite's pool under <paramref name="Name"/>.</summary>
public sealed record ParameterDefinition(string Name, Type Type)
{
    /// <summary>A parameter of type <typeparamref name="T"/>.</summary>
    public static ParameterDefinition Of<T>(string name) => new(name, typeof(T));
}
