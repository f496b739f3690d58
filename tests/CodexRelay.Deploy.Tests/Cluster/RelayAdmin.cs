using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CodexRelay.Deploy.Tests.Support;

namespace CodexRelay.Deploy.Tests.Cluster;

/// <summary>
/// The admin API as an operator uses it (docs/deploy.md, "Create the first tenant key"): a bearer admin key, read
/// from the Secret the gateways get it from. A call that meets a 5xx or no answer is retried within a bound.
/// </summary>
internal sealed class RelayAdmin(string adminKey)
{
    /// <summary><c>POST /admin/keys</c>: the created key (201), secret included.</summary>
    public async Task<JsonObject> CreateKeyAsync(Pod gateway, int gatewayPort, JsonObject body, TimeSpan bound)
    {
        var (status, text) = await SendAsync(HttpMethod.Post, new Uri(gateway.Address(gatewayPort), "admin/keys"), body, bound);
        Assert.True(status == HttpStatusCode.Created, $"POST /admin/keys on {gateway.Name}: {(int)status} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary><c>GET /admin/usage?tenant=</c>: the day rows of the tenant.</summary>
    public async Task<JsonArray> UsageAsync(Pod gateway, int gatewayPort, string tenant, TimeSpan bound)
    {
        var (status, text) = await SendAsync(HttpMethod.Get, new Uri(gateway.Address(gatewayPort), $"admin/usage?tenant={Uri.EscapeDataString(tenant)}"), null, bound);
        Assert.True(status == HttpStatusCode.OK, $"GET /admin/usage on {gateway.Name}: {(int)status} {text}");
        return JsonNode.Parse(text)!["data"]!.AsArray();
    }

    private async Task<(HttpStatusCode Status, string Text)> SendAsync(HttpMethod method, Uri address, JsonObject? body, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            string outcome;
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                using var request = new HttpRequestMessage(method, address);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
                if (body is not null)
                {
                    request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                }

                using var response = await Http.Client.SendAsync(request, timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                if ((int)response.StatusCode < 500)
                {
                    return (response.StatusCode, text);
                }

                outcome = $"{(int)response.StatusCode} {text}";
            }
            catch (HttpRequestException exception)
            {
                outcome = exception.Message;
            }
            catch (OperationCanceledException)
            {
                outcome = "timed out";
            }

            Assert.True(DateTime.UtcNow < deadline, $"{method} {address} still fails: {outcome}");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
