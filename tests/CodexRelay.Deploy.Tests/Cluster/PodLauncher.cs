using System.Globalization;
using System.Text.Json.Nodes;
using CodexRelay.Deploy.Tests.Manifests;
using CodexRelay.Deploy.Tests.Support;
using CodexRelay.Testing.Processes;

namespace CodexRelay.Deploy.Tests.Cluster;

/// <summary>
/// Starts a pod of a rendered Deployment as its container would run: the image's entrypoint and ENV (the Dockerfile),
/// the container's args and environment (Secrets from the example files, ConfigMaps as rendered, the pod IP from the
/// downward API), its numeric user (setpriv), in its node's network namespace. The image's /app is the build output.
/// </summary>
internal static class PodLauncher
{
    public static Pod Start(
        RenderedOverlay overlay,
        string component,
        string podName,
        TestNode node,
        TestNetwork network,
        IReadOnlyDictionary<string, string> overrides)
    {
        var container = ProcessSettings.Container(overlay, component);
        var settings = ProcessSettings.For(overlay, component, new PodFacts(podName, "codexrelay", node.Address));
        var environment = settings.Environment;
        var buildOutput = DeployPaths.BuildOutput(component == "gateway" ? "Gateway" : "Silo");
        var appDirectory = settings.Image.Final.WorkingDirectory.TrimEnd('/') + "/";
        foreach (var (name, value) in environment.ToList())
        {
            if (value.StartsWith(appDirectory, StringComparison.Ordinal))
            {
                environment[name] = Path.Combine(buildOutput, value[appDirectory.Length..]);
            }
        }

        foreach (var (name, value) in overrides)
        {
            Assert.True(environment.ContainsKey(name), $"The {overlay.Name} {component} does not set {name}, which the test points at its own server.");
            environment[name] = value;
        }

        var portMap = new Dictionary<int, int>();
        if (!network.UsesNamespaces)
        {
            // Loopback fallback: pods share one network, so each listens on its own address, or its own port where
            // the process binds every interface.
            if (component == "gateway")
            {
                environment["CODEX_RELAY_HOST"] = node.Address;
            }
            else
            {
                var free = FreePorts.Next();
                portMap[settings.SiloHttpPort] = free;
                environment["CODEX_RELAY_SILO_HTTP_PORT"] = free.ToString(CultureInfo.InvariantCulture);
            }
        }

        var home = Directory.CreateTempSubdirectory($"crk8s-{podName}-home-").FullName;
        environment["HOME"] = home;
        var command = (container["command"]?.AsArray().Select(c => (string)c!).ToList() ?? [.. settings.Image.Final.Entrypoint])
            .Concat(container["args"]?.AsArray().Select(a => (string)a!) ?? [])
            .Select(part => part.EndsWith(".dll", StringComparison.Ordinal) && !Path.IsPathRooted(part) ? Path.Combine(buildOutput, part) : part)
            .ToList();
        var argv = new List<string>();
        if (network.UsesNamespaces)
        {
            argv.AddRange(["ip", "netns", "exec", node.Namespace]);
        }

        if (RunAsUser(container, overlay, component) is { } user && Tools.OnPath("setpriv") is not null && Environment.UserName == "root")
        {
            argv.AddRange(["setpriv", $"--reuid={user.Uid}", $"--regid={user.Gid}", "--clear-groups", "--"]);
        }

        argv.AddRange(command);
        var process = IsolatedProcess.Start(argv[0], argv.Skip(1), environment, buildOutput);
        var pod = new Pod(podName, component, node, container, process, portMap);
        pod.Kubelet.Start();
        return pod;
    }

    private static (int Uid, int Gid)? RunAsUser(JsonObject container, RenderedOverlay overlay, string component)
    {
        var pod = RenderedOverlay.PodSpec(overlay.Component(component))["securityContext"];
        var context = container["securityContext"];
        var uid = (int?)(context?["runAsUser"] ?? pod?["runAsUser"]);
        var gid = (int?)(context?["runAsGroup"] ?? pod?["runAsGroup"]) ?? uid;
        return uid is null ? null : (uid.Value, gid!.Value);
    }
}
