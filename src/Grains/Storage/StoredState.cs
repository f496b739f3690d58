using System.Text.Json;

namespace CodexRelay.Grains.Storage;

/// <summary>
/// How every CodexRelay store writes a grain state: plain System.Text.Json of the state, no type names,
/// so renaming an assembly or namespace never orphans stored history.
/// </summary>
internal static class StoredState
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static byte[] Serialize<T>(T state) => JsonSerializer.SerializeToUtf8Bytes(state, Options);

    public static T? Deserialize<T>(ReadOnlySpan<byte> data) => JsonSerializer.Deserialize<T>(data, Options);

    public static string NewETag() => Guid.NewGuid().ToString("N");

    /// <summary>The record's key: <c>{serviceId}/{grainId}/{stateName}</c>, stable across deployments.</summary>
    public static string Key(string serviceId, GrainId grainId, string stateName) => $"{serviceId}/{grainId}/{stateName}";
}
