namespace OrleansPlatform.Silo.Hosting.Kubernetes;

/// <summary>
/// Whether the silo runs in a Kubernetes pod (section <c>Kubernetes</c>). An explicit setting rather than sniffing
/// <c>KUBERNETES_SERVICE_HOST</c>: that variable is in every pod, including ones whose service account may not read
/// pods, and a silo must not start talking to the Kubernetes API because of where it happens to run.
/// </summary>
public sealed class KubernetesSettings
{
    /// <summary>The configuration section: <c>Kubernetes</c>.</summary>
    public const string SectionName = "Kubernetes";

    /// <summary>
    /// Turns on Orleans' Kubernetes hosting (<c>UseKubernetesHosting</c>): the silo's name is its pod's, and a pod deleted
    /// in Kubernetes declares its silo dead at once. Needs the pod's <c>POD_NAME</c> and <c>POD_NAMESPACE</c> environment
    /// and a service account that may get, list, watch, patch and delete pods (deploy/kubernetes). Default false.
    /// </summary>
    public bool Enabled { get; set; }
}
