using System.Net.Sockets;
using CodexRelay.Testing.Storage;
using StackExchange.Redis;

namespace CodexRelay.Integration.Tests.Storage;

/// <summary>
/// The fixture's two paths. The container path is what the other Redis tests run through wherever an engine answers
/// (test.sh asks for it explicitly, so it cannot silently fall back); the local path is forced here so that the
/// fallback keeps working on machines where no engine does.
/// </summary>
public sealed class RedisFixturePathTests
{
    [Fact]
    public async Task ForcedLocalPath_ServesRedis_AndStopsItsProcessOnDispose()
    {
        var fixture = RedisFixture.Taking(RedisPath.Local, RedisFixture.OfficialImage);
        await fixture.InitializeAsync();
        try
        {
            Assert.Equal(RedisPath.Local, fixture.PathTaken);
            Assert.StartsWith("local redis-server (forced by CODEX_RELAY_TEST_REDIS=local)", fixture.Mode, StringComparison.Ordinal);
            Assert.StartsWith("127.0.0.1:", fixture.ConnectionString, StringComparison.Ordinal);

            using var connection = await ConnectionMultiplexer.ConnectAsync(fixture.ConnectionString);
            var database = connection.GetDatabase();
            await database.StringSetAsync("fixture-path", "local");
            Assert.Equal("local", (string?)await database.StringGetAsync("fixture-path"));
        }
        finally
        {
            await fixture.DisposeAsync();
        }

        Assert.True(fixture.LocalProcess!.HasExited);
        var port = int.Parse(fixture.ConnectionString.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", port));
    }

    [Theory]
    [InlineData(null, RedisPath.Auto)]
    [InlineData("", RedisPath.Auto)]
    [InlineData("auto", RedisPath.Auto)]
    [InlineData("container", RedisPath.Container)]
    [InlineData("Testcontainers", RedisPath.Container)]
    [InlineData("local", RedisPath.Local)]
    [InlineData(" LOCAL ", RedisPath.Local)]
    public void PathSetting_IsParsed(string? value, RedisPath expected) => Assert.Equal(expected, RedisFixture.ParsePath(value));

    [Fact]
    public void UnknownPathSetting_IsRefused_NotTreatedAsAuto()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => RedisFixture.ParsePath("docker"));
        Assert.Contains("CODEX_RELAY_TEST_REDIS=docker", refused.Message, StringComparison.Ordinal);
    }
}
