using System.Security.Cryptography;

namespace CodexRelay.Contracts;

/// <summary>
/// Lower-case hex of cryptographically random bytes, drawn from a per-thread buffer that is refilled from
/// <see cref="RandomNumberGenerator"/> every 512 bytes. Each call to the generator costs a system call on Linux
/// (OpenSSL checks its process id for a fork; <c>Guid.NewGuid</c> reads <c>/dev/urandom</c>), and a request made three
/// or four ids: one refill now serves about thirty of them.
/// </summary>
public static class SecureRandomHex
{
    private const int BufferBytes = 512;

    [ThreadStatic]
    private static byte[]? t_buffer;

    [ThreadStatic]
    private static int t_used;

    /// <summary><paramref name="bytes"/> random bytes (at most 64) as 2 × <paramref name="bytes"/> hex digits.</summary>
    public static string Next(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, 64);
        var buffer = t_buffer ??= new byte[BufferBytes];

        // A thread's buffer starts unfilled (t_used is 0 until the first fill).
        if (t_used == 0 || t_used + bytes > BufferBytes)
        {
            RandomNumberGenerator.Fill(buffer);
            t_used = 0;
        }

        var taken = buffer.AsSpan(t_used, bytes);
        t_used += bytes;
        var hex = Convert.ToHexStringLower(taken);

        // Handed out once: the bytes an id was made of do not stay behind in the buffer.
        taken.Clear();
        return hex;
    }
}
