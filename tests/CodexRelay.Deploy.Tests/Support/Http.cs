using System.Net;

namespace CodexRelay.Deploy.Tests.Support;

/// <summary>HTTP as the tests use it: short timeouts, and waits bounded by a deadline instead of sleeps.</summary>
internal static class Http
{
    public static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The status of a GET (with <paramref name="bearer"/>, if any) within <paramref name="timeout"/>, or null when nothing answered.</summary>
    public static async Task<HttpStatusCode?> StatusAsync(Uri address, TimeSpan timeout, string? bearer = null)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            if (bearer is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
            }

            using var response = await Client.SendAsync(request, cancel.Token);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds or the bound passes; true when it held.</summary>
    public static async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan bound, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + bound;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(200));
        }

        return await condition();
    }
}
