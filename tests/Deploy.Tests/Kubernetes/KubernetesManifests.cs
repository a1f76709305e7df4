using k8s;
using k8s.Models;
using OrleansPlatform.Testing;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace OrleansPlatform.Deploy.Tests.Kubernetes;

/// <summary>The objects of deploy/kubernetes, read the way kustomize lists them, each file strictly (an unknown field throws).</summary>
internal sealed class KubernetesManifests
{
    public static string Directory { get; } = Path.Combine(RepoPaths.Root, "deploy", "kubernetes");

    private KubernetesManifests(IReadOnlyList<string> files, IReadOnlyList<object> objects) => (Files, Objects) = (files, objects);

    /// <summary>The files kustomization.yaml lists, in its order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Every object of every listed file.</summary>
    public IReadOnlyList<object> Objects { get; }

    public static KubernetesManifests Load()
    {
        var kustomization = ReadKustomization(File.ReadAllText(Path.Combine(Directory, "kustomization.yaml")));
        var objects = new List<object>();
        foreach (var file in kustomization.Resources)
        {
            objects.AddRange(Parse(File.ReadAllText(Path.Combine(Directory, file))));
        }

        return new KubernetesManifests(kustomization.Resources, objects);
    }

    /// <summary>Kubernetes objects from YAML text, refusing a field the object's schema does not have.</summary>
    public static IReadOnlyList<object> Parse(string yaml) => KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true);

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T Single<T>(string name)
        where T : IMetadata<V1ObjectMeta> =>
        Assert.Single(Objects.OfType<T>(), o => o.Metadata.Name == name);

    // kustomization.yaml is kustomize's, not an API object: read with its own strict schema.
    private static Kustomization ReadKustomization(string yaml) =>
        new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<Kustomization>(yaml);

    private sealed class Kustomization
    {
        public string ApiVersion { get; set; } = "";

        public string Kind { get; set; } = "";

        public List<string> Resources { get; set; } = [];
    }
}
