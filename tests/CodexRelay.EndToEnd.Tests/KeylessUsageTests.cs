using System.Net;
using System.Text.Json.Nodes;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Gateway.Embedding;
using CodexRelay.Gateway.Metering;
using CodexRelay.Testing.Upstream;
using Microsoft.Extensions.DependencyInjection;

namespace CodexRelay.EndToEnd.Tests;

/// <summary>
/// Usage of requests without a relay key (a relay in <c>none</c> mode) is summed on the gateway and written once a
/// second: every request counts, an admin read on the gateway sees them at once, and the rest reach the store by themselves.
/// </summary>
public sealed class KeylessUsageTests
{
    private const string AdminKey = "admin-key-for-the-keyless-usage-test-4821";

    [Fact]
    public async Task EveryKeylessRequest_IsCharged_AndAnAdminReadSeesItAtOnce()
    {
        await using var upstream = await StrictChatUpstream.StartAsync();
        upstream.DefaultReply = ScriptedReply.Stream(Chunks.Answer("ok."));
        await using var relay = await CodexRelayServer.StartAsync(new RelayStartOptions
        {
            Upstream = upstream.BaseAddress.ToString().TrimEnd('/'), AdditionalArguments = [$"--CodexRelay:Auth:AdminKeys={AdminKey}"],
        });
        var api = new Uri(relay.BaseAddress, "v1/");

        foreach (var stream in new[] { true, false, true })
        {
            using var response = await RelayHttp.PostAsync(api, RelayHttp.Body("hi", stream));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await response.Content.ReadAsStringAsync();
        }

        var rows = await UsageAsync(relay);
        var row = Assert.Single(rows);
        Assert.Equal(3, row!["requests"]!.GetValue<long>());
        Assert.True(row["output_tokens"]!.GetValue<long>() > 0, row.ToJsonString());

        // Without a read, the sum reaches the usage grain within the batch interval.
        using var fourth = await RelayHttp.PostAsync(api, RelayHttp.Body("again"));
        await fourth.Content.ReadAsStringAsync();
        await Task.Delay(UsageBatch.Interval * 3);
        var grains = relay.Services.GetRequiredService<IGrainFactory>();
        var stored = await grains.GetGrain<CodexRelay.Contracts.Tenancy.IUsageGrain>($"default/{DateTime.UtcNow:yyyy-MM-dd}").ListAsync();
        Assert.Equal(4, Assert.Single(stored).Requests);
    }

    private static async Task<JsonArray> UsageAsync(RunningRelay relay)
    {
        using var response = await RelayHttp.AdminAsync(relay.BaseAddress, AdminKey, HttpMethod.Get, "usage?tenant=default");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!.AsArray();
    }
}
