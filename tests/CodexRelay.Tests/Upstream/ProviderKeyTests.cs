using CodexRelay.Gateway.Upstream;
using CodexRelay.Testing.Files;

namespace CodexRelay.Tests.Upstream;

/// <summary>ApiKeyFile: a mounted secret that rotates is read again when it changes, without a restart.</summary>
public sealed class ProviderKeyTests
{
    [Fact]
    public void KeyFile_RewrittenWithANewKey_TheNewKeyIsUsed()
    {
        using var directory = new TempDirectory("keyfile");
        var file = directory.Combine("key");
        File.WriteAllText(file, "sk-first\n");
        var key = new ProviderKey("sk-ignored", file);
        Assert.Equal("sk-first", key.Current());

        File.WriteAllText(file, "sk-second\n");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));

        Assert.Equal("sk-second", key.Current());
    }

    [Fact]
    public void NoFile_TheConfiguredKey()
    {
        Assert.Equal("sk-value", new ProviderKey("sk-value", null).Current());
        Assert.False(new ProviderKey(null, null).IsSet);
    }
}
