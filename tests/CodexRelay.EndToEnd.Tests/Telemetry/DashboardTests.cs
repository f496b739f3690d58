using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Testing.Files;
using CodexRelay.Testing.Relays;
using CodexRelay.Testing.Upstream;
using Microsoft.Playwright;

namespace CodexRelay.EndToEnd.Tests.Telemetry;

/// <summary>
/// <c>/dashboard</c> in a real browser: Debian's chromium driven by Playwright (launched by its path, never
/// downloaded) signs in with the admin key and shows the numbers of a scripted run; the screenshot is kept with the
/// test results (<c>CODEX_RELAY_TEST_RESULTS</c>/screenshots/dashboard.png).
/// </summary>
public sealed class DashboardTests
{
    private const string AdminKey = "dashboard-admin-key-1";
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Dashboard_WithoutAdminKey_Is200Html_ThatSaysHowToSetOne()
    {
        await using var harness = await RelayHarness.StartAsync();

        using var response = await RelayHttp.Client.GetAsync(new Uri(harness.Relay.BaseAddress, "dashboard"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("CODEX_RELAY_ADMIN_KEY", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_InChromium_SignsIn_ShowsTheScriptedRun_AndSavesAScreenshot()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: test.sh installs Debian's chromium with apt.");
        await using var harness = await RelayHarness.StartAsync("--auth", "keys", $"--CodexRelay:Auth:AdminKeys={AdminKey}");
        var acme = await CreateKeyAsync(harness, "acme", "alice", tokensPerDay: 10000);
        await CreateKeyAsync(harness, "globex", "bob", tokensPerDay: null);
        harness.Upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("one")), ScriptedReply.Stream(Chunks.Answer("two")), ScriptedReply.Stream(Chunks.Answer("three")));
        for (var i = 0; i < 3; i++)
        {
            using var response = await RelayHttp.PostAsync(harness.Api, RelayHttp.Body("hello"), bearer: acme);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await response.Content.ReadAsStringAsync();
        }

        using (var refused = await RelayHttp.PostAsync(harness.Api, RelayHttp.Body("hello"), bearer: "crk_not_a_key"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var profile = new TempDirectory("codexrelay-chromium-");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile.Path, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
        await page.GotoAsync(new Uri(harness.Relay.BaseAddress, "dashboard").ToString());
        await page.FillAsync("#key", AdminKey);
        await page.ClickAsync("button[type=submit]");

        // Usage reaches the tenant's records within about a second; the page refreshes every 5 s.
        await page.WaitForFunctionAsync(
            "() => document.querySelector('#tenants')?.innerText.includes('396') && document.querySelector('#k-requests')?.innerText !== '–'",
            null, new PageWaitForFunctionOptions { Timeout = 30000 });

        var tenants = await page.InnerTextAsync("#tenants");
        Assert.Contains("acme", tenants, StringComparison.Ordinal);
        Assert.Contains("alice", tenants, StringComparison.Ordinal);
        Assert.Contains("globex", tenants, StringComparison.Ordinal);
        Assert.Contains("10,000", tenants, StringComparison.Ordinal);
        Assert.Contains("9,604", tenants, StringComparison.Ordinal);
        Assert.Contains("unlimited", tenants, StringComparison.Ordinal);
        Assert.Contains("invalid_api_key", await page.InnerTextAsync("#errors"), StringComparison.Ordinal);
        Assert.Contains("Active", await page.InnerTextAsync("#cluster"), StringComparison.Ordinal);
        Assert.Contains("default", await page.InnerTextAsync("#providers"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#chart svg rect").Filter(new LocatorFilterOptions { Has = page.Locator("title:text-matches('396 tokens')") }).CountAsync());
        Assert.DoesNotContain(AdminKey, page.Url, StringComparison.Ordinal);

        var screenshot = Path.Combine(ResultsDirectory(), "screenshots", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }

    private static string ResultsDirectory() =>
        Environment.GetEnvironmentVariable("CODEX_RELAY_TEST_RESULTS") is { Length: > 0 } results ? results : Path.Combine(AppContext.BaseDirectory, "TestResults");

    private static async Task<string> CreateKeyAsync(RelayHarness harness, string tenant, string user, long? tokensPerDay)
    {
        var body = new JsonObject { ["tenant"] = tenant, ["user"] = user, ["limits"] = new JsonObject { ["tokens_per_day"] = tokensPerDay } };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(harness.Relay.BaseAddress, "admin/keys"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using var response = await RelayHttp.Client.SendAsync(request);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, created.ToJsonString());
        return created["key"]!.GetValue<string>();
    }
}
