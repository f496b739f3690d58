using System.Net;

namespace CodexRelay.Deploy.Tests.Support;

/// <summary>HTTP as the tests use it: short timeouts, and waits bounded by a deadline instead of sleeps.</summary>
internal static class Http
{
    public static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The status of a GET within <paramref name="timeout"/>, or null when nothing answered.</summary>
    public static async Task<HttpStatusCode?> StatusAsync(Uri address, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            using var response = await Client.GetAsync(address, cancel.Token);
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
