using System.Net;
using System.Text.Json.Nodes;
using CodexRelay.Contracts.History;
using CodexRelay.Contracts.Tenancy;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Gateway.Embedding;
using CodexRelay.Testing.Upstream;
using Microsoft.Extensions.DependencyInjection;

namespace CodexRelay.EndToEnd.Tests;

/// <summary>
/// <c>DELETE /admin/tenants/{tenant}</c> deletes every response the tenant stored, however many pages its day index
/// holds (a page is a thousand entries).
/// </summary>
public sealed class OffboardingTests
{
    private const string AdminKey = "admin-key-for-the-offboarding-test-7310";

    [Fact]
    public async Task OffboardingATenant_DeletesEveryStoredResponse_AcrossIndexPages()
    {
        await using var upstream = await StrictChatUpstream.StartAsync();
        upstream.DefaultReply = ScriptedReply.Stream(Chunks.Answer("ok."));
        await using var relay = await CodexRelayServer.StartAsync(new RelayStartOptions
        {
            Upstream = upstream.BaseAddress.ToString().TrimEnd('/'), AdditionalArguments = ["--auth", "keys", $"--CodexRelay:Auth:AdminKeys={AdminKey}"],
        });
        var api = new Uri(relay.BaseAddress, "v1/");
        using var created = await RelayHttp.AdminAsync(relay.BaseAddress, AdminKey, HttpMethod.Post, "keys", """{"tenant":"umbra","user":"uma"}""");
        var key = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["key"]!.GetValue<string>();
        // 2 500 entries in the tenant's day index first (ids of no conversation: listed, nothing to delete), so the
        // stored three land in its third page.
        var grains = relay.Services.GetRequiredService<IGrainFactory>();
        var index = grains.GetGrain<IOwnerIndexGrain>($"umbra/{DateTime.UtcNow:yyyy-MM-dd}");
        for (var i = 0; i < 2500; i++)
        {
            await index.AddAsync("umbra/other", $"resp_unknown{i}");
        }

        for (var wait = 0; wait < 100 && await index.ListPageAsync(2) is { Count: 0 }; wait++)
        {
            await Task.Delay(50);
        }

        var stored = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await RelayHttp.PostAsync(api, RelayHttp.Body($"keep {i}", stream: false, store: true), key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            stored.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
        }

        // The index learns of a stored turn one-way, just after it is written.
        var expected = stored.Select(id => $"umbra/uma {id}").ToList();
        for (var wait = 0; wait < 100 && !expected.All((await index.ListPageAsync(2)).Contains); wait++)
        {
            await Task.Delay(50);
        }

        Assert.Subset((await index.ListPageAsync(2)).ToHashSet(), expected.ToHashSet());
        using var offboard = await RelayHttp.AdminAsync(relay.BaseAddress, AdminKey, HttpMethod.Delete, "tenants/umbra");
        var text = await offboard.Content.ReadAsStringAsync();
        Assert.True(offboard.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal(3, JsonNode.Parse(text)!["responses_deleted"]!.GetValue<int>());
        foreach (var id in stored)
        {
            Assert.True(ResponseIds.TryGetConversationId(id, out var conversation), id);
            Assert.Null(await grains.GetGrain<IConversationGrain>(conversation).GetTurnAsync("umbra/uma", id));
        }
    }
}
