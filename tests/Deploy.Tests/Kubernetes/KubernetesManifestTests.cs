using System.Text.RegularExpressions;
using k8s.Models;
using Orleans.Hosting.Kubernetes;
using OrleansPlatform.Silo.Hosting.Configuration;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Deploy.Tests.Kubernetes;

public sealed partial class KubernetesManifestTests
{
    private const string SiloDeployment = "orleansplatform-silo";
    private const string GatewayDeployment = "orleansplatform-gateway";

    private readonly KubernetesManifests manifests = KubernetesManifests.Load();

    [Fact]
    public void Kustomization_lists_every_manifest_and_each_loads_strictly()
    {
        var onDisk = System.IO.Directory.GetFiles(KubernetesManifests.Directory, "*.yaml")
            .Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal);
        Assert.Equal(onDisk, manifests.Files.Order(StringComparer.Ordinal));

        Assert.Equal(2, manifests.All<V1Deployment>().Count());
        Assert.Single(manifests.All<V1Service>());
        Assert.Single(manifests.All<V1Ingress>());
        Assert.Equal(2, manifests.All<V1PodDisruptionBudget>().Count());
        Assert.Single(manifests.All<V1Role>());
        Assert.Single(manifests.All<V1RoleBinding>());
        Assert.Single(manifests.All<V1ServiceAccount>());
    }

    [Fact]
    public void The_strict_loader_refuses_an_unknown_field()
    {
        const string yaml = """
            apiVersion: v1
            kind: Service
            metadata:
              name: x
            spec:
              selectr:
                app: x
            """;

        // The same text loads when not strict, so the refusal is the strictness, not a malformed document.
        Assert.Single(k8s.KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: false));
        Assert.ThrowsAny<Exception>(() => KubernetesManifests.Parse(yaml));
    }

    [Fact]
    public void Selectors_match_their_pod_templates_and_each_deployment_has_its_own_pods()
    {
        foreach (var deployment in manifests.All<V1Deployment>())
        {
            Assert.True(Selects(deployment.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels), deployment.Metadata.Name);
        }

        var silo = Pod(SiloDeployment);
        var gateway = Pod(GatewayDeployment);
        Assert.False(Selects(manifests.Single<V1Deployment>(SiloDeployment).Spec.Selector.MatchLabels, gateway.Metadata.Labels));
        Assert.False(Selects(manifests.Single<V1Deployment>(GatewayDeployment).Spec.Selector.MatchLabels, silo.Metadata.Labels));
    }

    [Fact]
    public void Silo_ports_are_the_settings_ports_and_the_probes_use_them()
    {
        var container = Container(SiloDeployment);
        var env = Environment(SiloDeployment);
        var ports = container.Ports.ToDictionary(p => p.Name, p => p.ContainerPort);

        Assert.Equal(int.Parse(env["Silo:Port"]), ports["silo"]);
        Assert.Equal(int.Parse(env["Silo:GatewayPort"]), ports["orleans-gateway"]);
        Assert.Equal(ports["orleans-gateway"].ToString(), container.ReadinessProbe.TcpSocket.Port.Value);
        Assert.Equal(ports["silo"].ToString(), container.LivenessProbe.TcpSocket.Port.Value);
    }

    [Fact]
    public void Gateway_listens_where_its_port_service_ingress_and_readiness_point()
    {
        var container = Container(GatewayDeployment);
        var env = Environment(GatewayDeployment);
        var port = Assert.Single(container.Ports);

        Assert.Equal("Cluster", env["Gateway:Mode"]);
        Assert.Equal(port.ContainerPort, new Uri(env["Gateway:Url"]).Port);
        Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal(port.ContainerPort.ToString(), container.ReadinessProbe.HttpGet.Port.Value);
        Assert.Equal(port.ContainerPort.ToString(), container.LivenessProbe.HttpGet.Port.Value);
        Assert.Equal("/health/live", container.LivenessProbe.HttpGet.Path);

        var service = Assert.Single(manifests.All<V1Service>());
        Assert.True(Selects(service.Spec.Selector, Pod(GatewayDeployment).Metadata.Labels));
        Assert.False(Selects(service.Spec.Selector, Pod(SiloDeployment).Metadata.Labels));
        var servicePort = Assert.Single(service.Spec.Ports);
        Assert.Equal(port.ContainerPort.ToString(), servicePort.TargetPort.Value);

        var backend = Assert.Single(Assert.Single(manifests.All<V1Ingress>()).Spec.Rules).Http.Paths.Single().Backend.Service;
        Assert.Equal(service.Metadata.Name, backend.Name);
        Assert.Equal(servicePort.Name, backend.Port.Name);
    }

    [Fact]
    public void Disruption_budgets_select_the_silo_and_the_gateway_pods()
    {
        var budgets = manifests.All<V1PodDisruptionBudget>().ToList();
        Assert.Single(budgets, b => Selects(b.Spec.Selector.MatchLabels, Pod(SiloDeployment).Metadata.Labels)
            && !Selects(b.Spec.Selector.MatchLabels, Pod(GatewayDeployment).Metadata.Labels));
        Assert.Single(budgets, b => Selects(b.Spec.Selector.MatchLabels, Pod(GatewayDeployment).Metadata.Labels)
            && !Selects(b.Spec.Selector.MatchLabels, Pod(SiloDeployment).Metadata.Labels));
    }

    [Fact]
    public void Silo_pods_carry_the_orleans_labels_with_the_configured_ids_and_the_pod_environment()
    {
        var labels = Pod(SiloDeployment).Metadata.Labels;
        var env = Environment(SiloDeployment);

        Assert.Equal(env["Silo:ServiceId"], labels[KubernetesHostingOptions.ServiceIdLabel]);
        Assert.Equal(env["Silo:ClusterId"], labels[KubernetesHostingOptions.ClusterIdLabel]);
        Assert.Equal("true", env["Kubernetes:Enabled"]);

        var fieldRefs = Container(SiloDeployment).Env.Where(e => e.ValueFrom?.FieldRef is not null)
            .ToDictionary(e => e.Name, e => e.ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.name", fieldRefs[KubernetesHostingOptions.PodNameEnvironmentVariable]);
        Assert.Equal("metadata.namespace", fieldRefs[KubernetesHostingOptions.PodNamespaceEnvironmentVariable]);
        Assert.Equal("status.podIP", fieldRefs[KubernetesHostingOptions.PodIPEnvironmentVariable]);

        // The ids come from the platform's settings; Orleans' own variables would override them and the labels.
        Assert.DoesNotContain(KubernetesHostingOptions.ClusterIdEnvironmentVariable, env.Keys);
        Assert.DoesNotContain(KubernetesHostingOptions.ServiceIdEnvironmentVariable, env.Keys);
    }

    [Fact]
    public void Silo_service_account_may_do_what_orleans_kubernetes_hosting_does_to_pods()
    {
        var account = Pod(SiloDeployment).Spec.ServiceAccountName;
        var binding = Assert.Single(manifests.All<V1RoleBinding>(), b => b.Subjects.Any(s => s.Kind == "ServiceAccount" && s.Name == account));
        Assert.Contains(manifests.All<V1ServiceAccount>(), a => a.Metadata.Name == account);
        var role = manifests.Single<V1Role>(binding.RoleRef.Name);

        var verbs = role.Rules.Where(r => r.ApiGroups.Contains("") && r.Resources.Contains("pods")).SelectMany(r => r.Verbs).ToHashSet();
        Assert.Superset(verbs, new HashSet<string> { "get", "list", "watch", "patch", "delete" });
    }

    [Fact]
    public void Every_platform_variable_is_a_documented_setting()
    {
        var documented = DocumentedSettings();
        var variables = Environment(SiloDeployment).Keys.Concat(Environment(GatewayDeployment).Keys).Where(k => k.Contains(':')).Distinct().ToList();

        Assert.Contains("Transport:ClusterSecret", variables);
        Assert.Contains("Database:ConnectionString", variables);
        Assert.All(variables, v => Assert.Contains(v, documented));
    }

    [Fact]
    public void Secrets_and_config_maps_referenced_by_the_pods_exist_with_those_keys()
    {
        var secrets = manifests.All<V1Secret>().ToDictionary(s => s.Metadata.Name, s => (s.StringData?.Keys ?? []).Concat(s.Data?.Keys ?? []).ToHashSet());
        var configMaps = manifests.All<V1ConfigMap>().Select(c => c.Metadata.Name).ToHashSet();
        foreach (var deployment in manifests.All<V1Deployment>())
        {
            foreach (var container in deployment.Spec.Template.Spec.Containers)
            {
                foreach (var reference in container.Env.Select(e => e.ValueFrom?.SecretKeyRef).OfType<V1SecretKeySelector>())
                {
                    Assert.True(secrets.TryGetValue(reference.Name, out var keys), $"{deployment.Metadata.Name}: no Secret {reference.Name}");
                    Assert.Contains(reference.Key, keys);
                }

                foreach (var source in container.EnvFrom ?? [])
                {
                    Assert.Contains(source.ConfigMapRef.Name, configMaps);
                }
            }
        }

        // The secrets go only by reference: none is written in a pod template or the ConfigMap.
        var secretSettings = new[] { "Transport:ClusterSecret", "Admin:Password", "Database:ConnectionString" };
        foreach (var name in new[] { SiloDeployment, GatewayDeployment })
        {
            Assert.All(Container(name).Env.Where(e => secretSettings.Contains(Setting(e.Name))), e => Assert.NotNull(e.ValueFrom?.SecretKeyRef));
        }

        Assert.All(manifests.All<V1ConfigMap>().SelectMany(c => c.Data.Keys), k => Assert.DoesNotContain(Setting(k), secretSettings));
    }

    private V1PodTemplateSpec Pod(string deployment) => manifests.Single<V1Deployment>(deployment).Spec.Template;

    private V1Container Container(string deployment) => Assert.Single(Pod(deployment).Spec.Containers);

    // The container's settings as the process reads them (ConfigMap first, its own env over it), by setting name
    // (Section:Key) for platform variables and by variable name for the others. Values from a reference read as "".
    private Dictionary<string, string> Environment(string deployment)
    {
        var container = Container(deployment);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            foreach (var (key, value) in manifests.Single<V1ConfigMap>(source.ConfigMapRef.Name).Data)
            {
                values[Setting(key)] = value;
            }
        }

        foreach (var variable in container.Env)
        {
            values[Setting(variable.Name)] = variable.Value ?? "";
        }

        return values;
    }

    private static string Setting(string variable) =>
        variable.StartsWith(PlatformConfiguration.EnvironmentPrefix, StringComparison.Ordinal)
            ? variable[PlatformConfiguration.EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal)
            : variable;

    private static bool Selects(IDictionary<string, string> selector, IDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);

    // The settings README.md's Configuration table names (`Section:Key`).
    private static HashSet<string> DocumentedSettings()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var start = readme.IndexOf("\n## Configuration", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var settings = SettingName().Matches(readme[start..end]).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Silo:ClusterId", settings);
        return settings;
    }

    [GeneratedRegex("`([A-Za-z]+:[A-Za-z]+)`")]
    private static partial Regex SettingName();
}
