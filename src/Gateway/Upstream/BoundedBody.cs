using System.Buffers;
using System.Text;

namespace CodexRelay.Gateway.Upstream;

/// <summary>
/// Reads a non-streamed upstream body (an error, the model list) up to a size: the rest is left unread, so an
/// endless or huge body costs at most <c>maxBytes</c> of memory. The caller's token bounds the time.
/// </summary>
internal static class BoundedBody
{
    public static async Task<string> ReadAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var limit = (int)Math.Min(maxBytes, Array.MaxLength);
        var buffer = new ArrayBufferWriter<byte>(Math.Min(limit, 16 * 1024));
        while (buffer.WrittenCount < limit)
        {
            var span = buffer.GetMemory(Math.Min(16 * 1024, limit - buffer.WrittenCount));
            var read = await stream.ReadAsync(span[..Math.Min(span.Length, limit - buffer.WrittenCount)], cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
