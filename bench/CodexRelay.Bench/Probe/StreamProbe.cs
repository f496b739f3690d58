using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using CodexRelay.Bench.Upstream;

namespace CodexRelay.Bench.Probe;

/// <summary>
/// Sends one streamed request at a time and timestamps every read: time to the first byte, to the first
/// content delta, and the gaps between reads that carry deltas. A read carrying more than one delta means
/// chunks were batched. Prints <c>key=value</c> lines (milliseconds, medians and p99 over the requests).
/// </summary>
internal static class StreamProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = PacedUpstream.Option(args, "--url", "");
        var body = await File.ReadAllBytesAsync(PacedUpstream.Option(args, "--body", ""));
        var count = int.Parse(PacedUpstream.Option(args, "--count", "30"));
        var marker = Encoding.UTF8.GetBytes(PacedUpstream.Option(args, "--marker", "\"content\":\"w"));

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var firstByte = new List<double>();
        var firstDelta = new List<double>();
        var gaps = new List<double>();
        long deltas = 0, deltaReads = 0;
        var buffer = new byte[64 * 1024];
        for (var i = -3; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var stream = await response.Content.ReadAsStreamAsync();
            double? first = null, firstWithDelta = null, previous = null;
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                var now = clock.Elapsed.TotalMilliseconds;
                first ??= now;
                var found = Occurrences(buffer.AsSpan(0, read), marker);
                if (found == 0 || i < 0)
                {
                    continue;
                }

                deltas += found;
                deltaReads++;
                firstWithDelta ??= now;
                if (previous is { } p)
                {
                    gaps.Add(now - p);
                }

                previous = now;
            }

            if (i >= 0)
            {
                firstByte.Add(first ?? double.NaN);
                firstDelta.Add(firstWithDelta ?? double.NaN);
            }
        }

        Console.WriteLine($"first_byte_p50={Percentile(firstByte, 50):0.000}");
        Console.WriteLine($"first_delta_p50={Percentile(firstDelta, 50):0.000}");
        Console.WriteLine($"gap_p50={Percentile(gaps, 50):0.000}");
        Console.WriteLine($"gap_p99={Percentile(gaps, 99):0.000}");
        Console.WriteLine($"deltas={deltas}");
        Console.WriteLine($"delta_reads={deltaReads}");
        return 0;
    }

    private static int Occurrences(ReadOnlySpan<byte> data, ReadOnlySpan<byte> marker)
    {
        var count = 0;
        int at;
        while ((at = data.IndexOf(marker)) >= 0)
        {
            count++;
            data = data[(at + marker.Length)..];
        }

        return count;
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
    }
}
