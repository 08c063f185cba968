using YamlDotNet.RepresentationModel;

namespace Klachten.Deploy.Tests;

/// <summary>
/// deploy/kubernetes validated without a cluster: every manifest parses, carries the required fields, uses the images
/// the Dockerfiles build, probes the health endpoints the hosts serve, runs non-root on a read-only root filesystem,
/// and the objects refer to each other correctly (selectors, Service, Ingress, PDB, ConfigMap and Secret).
/// </summary>
public sealed class KubernetesManifestTests
{
    private const string Namespace = "klachten";
    private static readonly string Directory = Yaml.Path("deploy", "kubernetes");
    private static readonly string[] Images = ["klachten/server", "klachten/notification-worker", "klachten/archive-worker"];

    private static readonly Lazy<List<YamlMappingNode>> Objects = new(() =>
        Yaml.Documents(System.IO.Path.Combine(Directory, "kustomization.yaml"))[0].Items("resources")
            .Select(r => ((YamlScalarNode)r).Value!)
            .SelectMany(file => Yaml.Documents(System.IO.Path.Combine(Directory, file)))
            .ToList());

    public static TheoryData<string> Workloads => new() { "klachten-server", "klachten-notification-worker", "klachten-archive-worker" };

    [Fact]
    public void Kustomization_ListsEveryManifestOfTheFolder_ExceptTheSecretExample()
    {
        var listed = Yaml.Documents(System.IO.Path.Combine(Directory, "kustomization.yaml"))[0].Items("resources").Select(r => ((YamlScalarNode)r).Value!).Order().ToList();
        var present = System.IO.Directory.GetFiles(Directory, "*.yaml").Select(System.IO.Path.GetFileName)
            .Where(f => f is not "kustomization.yaml" and not "secret.example.yaml").Select(f => f!).Order().ToList();

        Assert.Equal(present, listed);
        var images = Yaml.Documents(System.IO.Path.Combine(Directory, "kustomization.yaml"))[0].Items("images").Select(i => i.Text("name")!).Order().ToList();
        Assert.Equal(Images.Order().ToList(), images);
    }

    [Fact]
    public void EveryObject_HasApiVersionKindNameAndTheNamespace()
    {
        Assert.NotEmpty(Objects.Value);
        foreach (var o in Objects.Value)
        {
            var what = $"{o.Text("kind")}/{o.Text("metadata", "name")}";
            Assert.False(string.IsNullOrEmpty(o.Text("apiVersion")), what);
            Assert.False(string.IsNullOrEmpty(o.Text("kind")), what);
            Assert.False(string.IsNullOrEmpty(o.Text("metadata", "name")), what);
            Assert.Equal(Namespace, o.Kind() == "Namespace" ? o.Text("metadata", "name") : o.Text("metadata", "namespace"));
        }

        Assert.Equal(
            ["ConfigMap", "Deployment", "Deployment", "Deployment", "Ingress", "Job", "Namespace", "PodDisruptionBudget", "PodDisruptionBudget", "PodDisruptionBudget", "Service"],
            Objects.Value.Select(o => o.Kind()).Order().ToList());
    }

    [Fact]
    public void Server_RunsTwoReplicas_RollingWithoutLosingCapacity_AndAPdbKeepsOne()
    {
        var server = Find("Deployment", "klachten-server");
        Assert.Equal("2", server.Text("spec", "replicas"));
        Assert.Equal("0", server.Text("spec", "strategy", "rollingUpdate", "maxUnavailable"));
        var pdb = Find("PodDisruptionBudget", "klachten-server");
        Assert.Equal("1", pdb.Text("spec", "minAvailable"));
        Assert.True(Matches(pdb.Get("spec", "selector", "matchLabels")!, PodLabels(server)));
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Workload_UsesItsImage_WithProbesOnTheHealthEndpoints(string name)
    {
        var deployment = Find("Deployment", name);
        Assert.True(Matches(deployment.Get("spec", "selector", "matchLabels")!, PodLabels(deployment)), "selector matches the pod labels");
        var container = Assert.Single(deployment.Items("spec", "template", "spec", "containers"));
        Assert.Equal("klachten/" + name["klachten-".Length..], container.Text("image"));
        Assert.True(File.Exists(Yaml.Path("deploy", name["klachten-".Length..] + ".Dockerfile")), "a Dockerfile builds the image");

        var port = Assert.Single(container.Items("ports"));
        Assert.Equal("8080", port.Text("containerPort"));
        var portName = port.Text("name");
        Assert.Equal("/health/ready", container.Text("readinessProbe", "httpGet", "path"));
        Assert.Equal("/health/live", container.Text("livenessProbe", "httpGet", "path"));
        Assert.Equal("/health/live", container.Text("startupProbe", "httpGet", "path"));
        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
        {
            Assert.Contains(container.Text(probe, "httpGet", "port"), new[] { portName, "8080" });
        }

        Assert.NotNull(container.Text("resources", "requests", "memory"));
        Assert.NotNull(container.Text("resources", "limits", "memory"));
        Assert.Equal("8080", deployment.Text("spec", "template", "metadata", "annotations", "prometheus.io/port"));
        Assert.Equal("/metrics", deployment.Text("spec", "template", "metadata", "annotations", "prometheus.io/path"));
        AssertHardened(deployment.Get("spec", "template", "spec")!, container);
        AssertConfigured(container);
    }

    [Fact]
    public void Service_SelectsTheServerPods_AndTheIngressRoutesToIt()
    {
        var server = Find("Deployment", "klachten-server");
        var service = Find("Service", "klachten-server");
        Assert.True(Matches(service.Get("spec", "selector")!, PodLabels(server)));
        var servicePort = Assert.Single(service.Items("spec", "ports"));
        var containerPortName = server.Items("spec", "template", "spec", "containers").Single().Items("ports").Single().Text("name");
        Assert.Equal(containerPortName, servicePort.Text("targetPort"));

        var ingress = Find("Ingress", "klachten-server");
        var backend = Assert.Single(ingress.Items("spec", "rules").SelectMany(r => r.Items("http", "paths"))).Get("backend", "service")!;
        Assert.Equal("klachten-server", backend.Text("name"));
        Assert.Equal(servicePort.Text("name"), backend.Text("port", "name"));
        Assert.NotEmpty(ingress.Items("spec", "tls"));
    }

    [Fact]
    public void MigrationJob_MigratesEverySchema_OnceAndInOrder()
    {
        var job = Find("Job", "klachten-migrate");
        var pod = job.Get("spec", "template", "spec")!;
        Assert.Equal("Never", pod.Text("restartPolicy"));
        Assert.NotNull(job.Text("spec", "backoffLimit"));
        var containers = pod.Items("initContainers").Concat(pod.Items("containers")).ToList();
        Assert.Equal(Images, containers.Select(c => c.Text("image")!).ToArray());
        foreach (var container in containers)
        {
            Assert.Equal(["--migrate"], container.Items("args").Select(a => ((YamlScalarNode)a).Value!).ToList());
            AssertHardened(pod, container);
            AssertConfigured(container);
        }
    }

    [Fact]
    public void Server_ReadsTheKeyRingFromTheDatabase_WithoutCookieAffinity_CertificateMountedFromASecret()
    {
        var ingress = Find("Ingress", "klachten-server");
        Assert.DoesNotContain(ingress.Keys("metadata", "annotations"), a => a.Contains("affinity", StringComparison.Ordinal) || a.Contains("session-cookie", StringComparison.Ordinal));

        var server = Find("Deployment", "klachten-server");
        AssertCertificateMounted(server.Get("spec", "template", "spec")!, server.Items("spec", "template", "spec", "containers").Single());
        var job = Find("Job", "klachten-migrate");
        AssertCertificateMounted(job.Get("spec", "template", "spec")!, job.Items("spec", "template", "spec", "initContainers").Single(c => c.Text("name") == "server"));

        var secret = Yaml.Documents(System.IO.Path.Combine(Directory, "secret.example.yaml")).Single();
        Assert.Contains("Klachten__DataProtection__CertificatePassword", secret.Keys("stringData"));
    }

    [Fact]
    public void SecretExample_HasEveryKeyTheConfigMapLeavesOut()
    {
        var secret = Yaml.Documents(System.IO.Path.Combine(Directory, "secret.example.yaml")).Single();
        Assert.Equal("klachten-secrets", secret.Text("metadata", "name"));
        var keys = secret.Keys("stringData").ToList();
        Assert.Contains("ConnectionStrings__Klachten", keys);
        Assert.Contains("ConnectionStrings__RabbitMq", keys);
        Assert.Contains("Klachten__Auth__BootstrapApiKey", keys);
        var config = Find("ConfigMap", "klachten-config");
        Assert.Equal("PostgreSql", config.Text("data", "Klachten__Database__Provider"));
        Assert.Equal("RabbitMq", config.Text("data", "Klachten__Messaging__Transport"));
        Assert.Empty(config.Keys("data").Intersect(keys));
    }

    private static void AssertHardened(YamlNode podSpec, YamlNode container)
    {
        Assert.Equal("true", podSpec.Text("securityContext", "runAsNonRoot"));
        Assert.NotEqual("0", podSpec.Text("securityContext", "runAsUser"));
        Assert.Equal("true", container.Text("securityContext", "readOnlyRootFilesystem"));
        Assert.Equal("false", container.Text("securityContext", "allowPrivilegeEscalation"));
        // A read-only root filesystem needs a writable /tmp.
        var tmp = Assert.Single(container.Items("volumeMounts"), m => m.Text("mountPath") == "/tmp");
        Assert.Contains(podSpec.Items("volumes"), v => v.Text("name") == tmp.Text("name") && v.Get("emptyDir") is not null);
    }

    private static void AssertCertificateMounted(YamlNode podSpec, YamlNode container)
    {
        var path = Assert.Single(container.Items("env"), e => e.Text("name") == "Klachten__DataProtection__CertificatePath").Text("value")!;
        var mount = Assert.Single(container.Items("volumeMounts"), m => path.StartsWith(m.Text("mountPath") + "/", StringComparison.Ordinal));
        Assert.Equal("true", mount.Text("readOnly"));
        var volume = Assert.Single(podSpec.Items("volumes"), v => v.Text("name") == mount.Text("name"));
        Assert.Equal("klachten-dataprotection", volume.Text("secret", "secretName"));
    }

    private static void AssertConfigured(YamlNode container)
    {
        var sources = container.Items("envFrom").ToList();
        Assert.Contains(sources, s => s.Text("configMapRef", "name") == "klachten-config");
        Assert.Contains(sources, s => s.Text("secretRef", "name") == "klachten-secrets");
        Find("ConfigMap", "klachten-config");
    }

    private static YamlMappingNode Find(string kind, string name) =>
        Assert.Single(Objects.Value, o => o.Kind() == kind && o.Text("metadata", "name") == name);

    private static Dictionary<string, string> PodLabels(YamlNode workload) =>
        workload.Keys("spec", "template", "metadata", "labels").ToDictionary(k => k, k => workload.Text("spec", "template", "metadata", "labels", k)!);

    private static bool Matches(YamlNode selector, Dictionary<string, string> labels) =>
        selector is YamlMappingNode map && map.Children.Count > 0
        && map.Children.All(kv => labels.TryGetValue(((YamlScalarNode)kv.Key).Value!, out var value) && value == ((YamlScalarNode)kv.Value).Value);
}

internal static class ManifestExtensions
{
    public static string? Kind(this YamlNode node) => node.Text("kind");
}
