using CodexRelay.Testing.Files;

namespace CodexRelay.Deploy.Tests.Support;

/// <summary>
/// What the deploy tests read and run, under the repository <see cref="TestPaths"/> finds: deploy/, the overlays,
/// and the build output each image's <c>/app</c> is published from.
/// </summary>
internal static class DeployPaths
{
    public static string Root { get; } = TestPaths.RepositoryRoot();

    public static string Deploy(params string[] parts) => Path.Combine([Root, "deploy", .. parts]);

    public static string Overlay(string name) => Deploy("kubernetes", "overlays", name);

    /// <summary>The folder a process image's <c>/app</c> is published from: the project's build output.</summary>
    public static string BuildOutput(string project) => Path.Combine(Root, "src", project, "bin", TestPaths.Configuration(), "net10.0");

    public static string GatewayDll => BuiltDll("Gateway", "CodexRelay.Gateway.dll");

    public static string SiloDll => BuiltDll("Silo", "CodexRelay.Silo.dll");

    private static string BuiltDll(string project, string name)
    {
        var path = Path.Combine(BuildOutput(project), name);
        Assert.True(File.Exists(path), $"{path} is not built: run `dotnet build CodexRelay.sln -c {TestPaths.Configuration()}` first.");
        return path;
    }
}
