namespace CodexRelay.Deploy.Tests.Support;

/// <summary>The external tools, each with the reason a test cannot run without it.</summary>
internal static class Tools
{
    public static string Kubectl() =>
        OnPath("kubectl")
        ?? throw new InvalidOperationException(
            "kubectl is not on PATH: the deploy tests render the overlays with `kubectl kustomize` (kubectl 1.14+, offline). "
            + "Install kubectl (the machine image has it at /usr/bin/kubectl).");

    public static string Node() =>
        OnPath("node")
        ?? throw new InvalidOperationException("node is not on PATH: the schema test runs the npm package kubernetes-models with it.");

    /// <summary>The kubernetes-models package folder test.sh installs into .tools/kubernetes-models.</summary>
    public static string KubernetesModels()
    {
        var configured = Environment.GetEnvironmentVariable("CODEX_RELAY_TEST_KUBERNETES_MODELS");
        var path = configured is { Length: > 0 }
            ? configured
            : Path.Combine(DeployPaths.Root, ".tools", "kubernetes-models", "node_modules", "kubernetes-models");
        return File.Exists(Path.Combine(path, "package.json"))
            ? path
            : throw new InvalidOperationException(
                $"The npm package kubernetes-models is not at {path}: run ./test.sh (it installs it into .tools/kubernetes-models) "
                + "or set CODEX_RELAY_TEST_KUBERNETES_MODELS to its folder.");
    }

    public static string RedisServer() =>
        OnPath("redis-server")
        ?? throw new InvalidOperationException("redis-server is not on PATH: test.sh installs it (apt-get install redis-server).");

    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
