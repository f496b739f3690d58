using System.Text.Json.Nodes;
using CodexRelay.Deploy.Tests.Manifests;

namespace CodexRelay.Deploy.Tests;

/// <summary>
/// The rendered manifests against the code: every variable is one the processes document, every Secret and
/// ConfigMap key exists, probes hit the routes the processes serve, ports are the ones they listen on, grace
/// periods outlast the drains, and every container is sized and runs unprivileged.
/// </summary>
public sealed class WiringTests
{
    private static readonly PodFacts Pod = new("codexrelay-pod", "codexrelay", "198.18.0.99");
    private static readonly string[] Components = ["gateway", "silo"];

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task EnvironmentVariables_AreOnesTheCodeKnows(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);
        var unknown = new List<string>();
        foreach (var component in Components)
        {
            var help = await HelpVariables.ForComponentAsync(component);
            Assert.True(help.Variables.Count > 0, $"{help.Process} --help printed no CODEX_RELAY_* table:\n{help.Text}");
            var container = ProcessSettings.Container(rendered, component);
            var set = ContainerEnvironment.DeclaredNames(rendered, container).Concat(ProcessSettings.ImageFor(component).Final.Environment.Keys);
            unknown.AddRange(set
                .Where(name => name.StartsWith("CODEX_RELAY_", StringComparison.Ordinal) && !help.Variables.Contains(name))
                .Distinct()
                .Select(name => $"{component}: {name} (not in {help.Source})"));
        }

        Assert.True(unknown.Count == 0, $"The {overlay} overlay or an image sets variables the code does not document:\n{string.Join("\n", unknown)}");
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task SecretAndConfigMapReferences_ExistInTheExamplesOrGenerators(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);
        var problems = new List<string>();
        var used = new HashSet<(string, string)>();
        foreach (var (workload, container) in rendered.Containers)
        {
            var environment = new ContainerEnvironment(rendered);
            environment.Resolve(container, Pod);
            problems.AddRange(environment.Problems.Select(p => $"{RenderedOverlay.Describe(workload)}: {p}"));
            used.UnionWith(environment.References.Where(r => r is { Kind: "Secret", Key: not null }).Select(r => (r.Name, r.Key!)));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        if (overlay == "prod")
        {
            var stale = SecretExamples.Load().SelectMany(e => e.Value.Keys.Select(k => (e.Key, k))).Where(pair => !used.Contains(pair)).ToList();
            Assert.True(stale.Count == 0, $"Example secret keys nothing reads: {string.Join(", ", stale)}");
        }
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Probes_HitTheHealthRoutes_OnPortsTheProcessesListenOn(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);
        var gatewayHelp = await HelpVariables.GatewayAsync();
        Assert.Contains("/health/live", gatewayHelp.Text, StringComparison.Ordinal);
        Assert.Contains("/health/ready", gatewayHelp.Text, StringComparison.Ordinal);

        foreach (var component in Components)
        {
            var container = ProcessSettings.Container(rendered, component);
            var settings = ProcessSettings.For(rendered, component, Pod);
            var httpPort = component == "gateway" ? settings.GatewayPort : settings.SiloHttpPort;
            foreach (var (probe, path) in new[] { ("startupProbe", "/health/live"), ("livenessProbe", "/health/live"), ("readinessProbe", "/health/ready") })
            {
                var httpGet = container[probe]?["httpGet"];
                Assert.True(httpGet is not null, $"{overlay} {component}: no httpGet {probe}");
                Assert.Equal(path, (string?)httpGet["path"]);
                Assert.Equal(httpPort, PodPorts.Resolve(container, httpGet["port"]));
            }
        }
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task ContainerPorts_AreTheOnesTheProcessesListenOn(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);
        var gateway = ProcessSettings.For(rendered, "gateway", Pod);
        var gatewayContainer = ProcessSettings.Container(rendered, "gateway");
        Assert.Equal([gateway.GatewayPort], PodPorts.Numbers(gatewayContainer));
        Assert.True(gateway.GatewayHost is "0.0.0.0" or "*" or "::", $"The gateway listens on {gateway.GatewayHost}: the pod IP would not answer.");
        Assert.Equal(gateway.Image.Final.Exposed, PodPorts.Numbers(gatewayContainer));

        var silo = ProcessSettings.For(rendered, "silo", Pod);
        var siloContainer = ProcessSettings.Container(rendered, "silo");
        Assert.Equal(
            new[] { silo.SiloPort, silo.OrleansGatewayPort, silo.SiloHttpPort }.Order(),
            PodPorts.Numbers(siloContainer).Order());
        Assert.Equal(silo.Image.Final.Exposed.Order(), PodPorts.Numbers(siloContainer).Order());

        foreach (var service in rendered.OfKind("Service"))
        {
            var selector = new JsonObject { ["matchLabels"] = service["spec"]!["selector"]!.DeepClone() };
            var workload = rendered.Workloads.Single(w => RenderedOverlay.Selects(selector, RenderedOverlay.PodLabels(w)));
            var container = RenderedOverlay.PodSpec(workload)["containers"]![0]!.AsObject();
            Assert.All(service["spec"]!["ports"]!.AsArray(), port =>
                Assert.True(PodPorts.Resolve(container, port!["targetPort"] ?? port["port"]) is not null, $"Service {RenderedOverlay.NameOf(service)} targets {port["targetPort"]}, which {RenderedOverlay.Describe(workload)} does not open"));
        }
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task GracePeriods_OutlastThePreStopPauseAndTheDrain(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        var gateway = ProcessSettings.For(rendered, "gateway", Pod);
        var gatewayPod = RenderedOverlay.PodSpec(rendered.Component("gateway"));
        var preStop = PodPorts.PreStopSeconds(ProcessSettings.Container(rendered, "gateway"));
        var gatewayGrace = (int)gatewayPod["terminationGracePeriodSeconds"]!;
        Assert.True(preStop > 0, "The gateway needs a preStop pause: endpoints must drop it before it drains.");
        Assert.True(gatewayGrace > preStop + gateway.DrainTimeout.TotalSeconds,
            $"gateway grace {gatewayGrace} s <= preStop {preStop} s + drain {gateway.DrainTimeout.TotalSeconds} s: streams would be cut by SIGKILL");

        var silo = ProcessSettings.For(rendered, "silo", Pod);
        var siloGrace = (int)RenderedOverlay.PodSpec(rendered.Component("silo"))["terminationGracePeriodSeconds"]!;
        Assert.True(siloGrace > PodPorts.PreStopSeconds(ProcessSettings.Container(rendered, "silo")) + silo.HostShutdownTimeout.TotalSeconds,
            $"silo grace {siloGrace} s <= its shutdown {silo.HostShutdownTimeout.TotalSeconds} s: it would be killed before it leaves the cluster");
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task EveryContainer_IsSized_AndRunsAsANonRootUserWithoutPrivileges(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        Assert.All(rendered.Containers, pair =>
        {
            var (workload, container) = pair;
            var pod = RenderedOverlay.PodSpec(workload);
            var where = $"{overlay} {RenderedOverlay.Describe(workload)} container {(string?)container["name"]}";
            var resources = container["resources"];
            Assert.True(resources?["requests"]?["cpu"] is not null && resources["requests"]?["memory"] is not null, $"{where}: no cpu/memory requests");
            Assert.True(resources?["limits"]?["memory"] is not null, $"{where}: no memory limit");

            var context = container["securityContext"];
            Assert.True(((bool?)context?["runAsNonRoot"] ?? (bool?)pod["securityContext"]?["runAsNonRoot"]) == true, $"{where}: runAsNonRoot is not true");
            var user = context?["runAsUser"] ?? pod["securityContext"]?["runAsUser"];
            Assert.True(user?.GetValueKind() == System.Text.Json.JsonValueKind.Number && (int)user > 0, $"{where}: no numeric non-root runAsUser");
            Assert.True((bool?)context?["allowPrivilegeEscalation"] == false, $"{where}: allowPrivilegeEscalation is not false");
            Assert.True((bool?)context?["readOnlyRootFilesystem"] == true, $"{where}: the root filesystem is writable");
            Assert.Contains("ALL", context?["capabilities"]?["drop"]?.AsArray().Select(c => (string?)c) ?? []);
            Assert.False((bool?)pod["automountServiceAccountToken"] ?? true, $"{where}: mounts a service account token it never uses");
        });
        foreach (var component in Components)
        {
            var mounts = ProcessSettings.Container(rendered, component)["volumeMounts"]?.AsArray().Select(m => (string?)m!["mountPath"]) ?? [];
            Assert.Contains("/tmp", mounts);
        }
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Processes_ClusterThroughRedis_SilosAdvertiseThePodIp(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);
        var gateway = ProcessSettings.For(rendered, "gateway", Pod);
        var silo = ProcessSettings.For(rendered, "silo", Pod);

        Assert.Equal(Pod.PodIp, silo.Setting("CODEX_RELAY_ADVERTISED_IP"));
        Assert.All(new[] { gateway, silo }, p =>
        {
            Assert.Equal("redis", p.Setting("CODEX_RELAY_CLUSTERING"));
            Assert.Equal("redis", p.Setting("CODEX_RELAY_HISTORY_STORE"));
            Assert.False(string.IsNullOrEmpty(p.Setting("CODEX_RELAY_REDIS")), $"{p.Component} has no CODEX_RELAY_REDIS");
        });
        Assert.Equal(gateway.Setting("CODEX_RELAY_CLUSTER_ID"), silo.Setting("CODEX_RELAY_CLUSTER_ID"));
        Assert.Equal(gateway.Setting("CODEX_RELAY_REDIS"), silo.Setting("CODEX_RELAY_REDIS"));
    }

    [Fact]
    public async Task Prod_ScalesSpreadsAndBudgetsBothTiers_WithTlsIngressAndPolicies()
    {
        var rendered = await Kustomize.RenderAsync("prod");
        var gateway = rendered.Component("gateway");
        var silo = rendered.Component("silo");

        var hpa = Assert.Single(rendered.OfKind("HorizontalPodAutoscaler"));
        Assert.Equal(RenderedOverlay.NameOf(gateway), (string?)hpa["spec"]!["scaleTargetRef"]!["name"]);
        Assert.True((int)hpa["spec"]!["minReplicas"]! >= 2);
        Assert.Null(gateway["spec"]!["replicas"]);
        Assert.True((int)silo["spec"]!["replicas"]! >= 2);
        foreach (var workload in new[] { gateway, silo })
        {
            Assert.Contains(rendered.OfKind("PodDisruptionBudget"), pdb => RenderedOverlay.Selects(pdb["spec"]!["selector"], RenderedOverlay.PodLabels(workload)));
            var spread = RenderedOverlay.PodSpec(workload)["topologySpreadConstraints"]?.AsArray() ?? [];
            Assert.Contains(spread, c => (string?)c!["topologyKey"] == "kubernetes.io/hostname" && RenderedOverlay.Selects(c["labelSelector"], RenderedOverlay.PodLabels(workload)));
        }

        var siloSettings = ProcessSettings.For(rendered, "silo", Pod);
        Assert.Equal("5", siloSettings.Setting("CODEX_RELAY_PROBE_TIMEOUT_SECONDS"));
        Assert.Equal("3", siloSettings.Setting("CODEX_RELAY_MISSED_PROBES_LIMIT"));
        Assert.Equal("2", siloSettings.Setting("CODEX_RELAY_DEATH_VOTES"));

        var ingress = Assert.Single(rendered.OfKind("Ingress"));
        Assert.NotEmpty(ingress["spec"]!["tls"]!.AsArray());
        var annotations = ingress["metadata"]!["annotations"]!.AsObject();
        Assert.True(int.Parse((string)annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]!, System.Globalization.CultureInfo.InvariantCulture) >= 300,
            "Codex waits up to 300 s between stream events; the Ingress must wait longer");
        Assert.Equal("off", (string?)annotations["nginx.ingress.kubernetes.io/proxy-buffering"]);
        var backend = ingress["spec"]!["rules"]![0]!["http"]!["paths"]![0]!["backend"]!["service"]!;
        Assert.NotNull(rendered.Find("Service", (string)backend["name"]!));

        AssertPolicies(rendered, gateway, silo);
    }

    private static void AssertPolicies(RenderedOverlay rendered, JsonObject gateway, JsonObject silo)
    {
        var policies = rendered.OfKind("NetworkPolicy").ToList();
        Assert.Contains(policies, p => p["spec"]!["podSelector"]!.AsObject().Count == 0 && p["spec"]!["ingress"] is null);
        var siloPolicies = policies.Where(p => RenderedOverlay.Selects(p["spec"]!["podSelector"], RenderedOverlay.PodLabels(silo))).ToList();
        var siloPorts = PodPorts.Numbers(ProcessSettings.Container(rendered, "silo"));
        foreach (var rule in siloPolicies.SelectMany(p => p["spec"]!["ingress"]?.AsArray() ?? []))
        {
            Assert.All(rule!["from"]!.AsArray(), peer => Assert.True(
                RenderedOverlay.Selects(peer!["podSelector"], RenderedOverlay.PodLabels(gateway)) || RenderedOverlay.Selects(peer["podSelector"], RenderedOverlay.PodLabels(silo)),
                $"a silo port is open to {peer.ToJsonString()}"));
            Assert.Equal(siloPorts.Order(), rule["ports"]!.AsArray().Select(p => (int)p!["port"]!).Order());
        }

        var gatewayPorts = PodPorts.Numbers(ProcessSettings.Container(rendered, "gateway"));
        var gatewayRules = policies.Where(p => RenderedOverlay.Selects(p["spec"]!["podSelector"], RenderedOverlay.PodLabels(gateway)))
            .SelectMany(p => p["spec"]!["ingress"]?.AsArray() ?? []).ToList();
        Assert.NotEmpty(gatewayRules);
        Assert.All(gatewayRules, rule => Assert.Equal(gatewayPorts, rule!["ports"]!.AsArray().Select(p => (int)p!["port"]!)));
    }
}
