using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;

namespace CodexRelay.Gateway.Hosting;

/// <summary>
/// Kestrel's connection buffers in large pinned blocks instead of its 4 KB ones. Kestrel reads a socket into the free
/// space of its current block, so a 40 KB Codex turn took ten reads (each with a one-byte peek before it: twenty
/// system calls) and ten trips through the request body's pipe; with 64 KB blocks it takes one or two. Kestrel still
/// waits for data before it takes a block, so an idle keep-alive connection holds none.
/// </summary>
internal sealed class LargeBlockMemoryPool(int blockSize, int retainedBlocks) : MemoryPool<byte>
{
    /// <summary>Free blocks the process keeps for reuse: 16 MB (256 of 64 KB); blocks beyond it go to the GC when returned.</summary>
    public const int RetainedBytes = 16 * 1024 * 1024;

    private readonly ConcurrentQueue<Block> _free = new();
    private int _freeCount;

    public override int MaxBufferSize => blockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, blockSize);
        if (_free.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _freeCount);
            block.Lease();
            return block;
        }

        return new Block(this, GC.AllocateUninitializedArray<byte>(blockSize, pinned: true));
    }

    protected override void Dispose(bool disposing)
    {
    }

    /// <summary>Keeps up to <c>retainedBlocks</c> for reuse; the rest go to the GC.</summary>
    private void Return(Block block)
    {
        if (Interlocked.Increment(ref _freeCount) <= retainedBlocks)
        {
            _free.Enqueue(block);
            return;
        }

        Interlocked.Decrement(ref _freeCount);
    }

    /// <summary>One block, leased to one pipe segment at a time: a second dispose must not hand it out twice.</summary>
    private sealed class Block(LargeBlockMemoryPool pool, byte[] array) : IMemoryOwner<byte>
    {
        private int _returned;

        // The array lives on the pinned heap: pinning this memory for a socket call costs nothing.
        public Memory<byte> Memory { get; } = MemoryMarshal.CreateFromPinnedArray(array, 0, array.Length);

        public void Lease() => Volatile.Write(ref _returned, 0);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0)
            {
                pool.Return(this);
            }
        }
    }

    /// <summary>
    /// What Kestrel and its socket transport ask for their pools: one pool for all of them, so the process keeps at most
    /// <see cref="RetainedBytes"/> of free blocks however many pools Kestrel asks for (disposing it does nothing).
    /// </summary>
    internal sealed class Factory(int blockSize) : IMemoryPoolFactory<byte>, IDisposable
    {
        private readonly LargeBlockMemoryPool _pool = new(blockSize, RetainedBytes / blockSize);

        public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => _pool;

        public void Dispose() => _pool.Dispose();
    }
}
