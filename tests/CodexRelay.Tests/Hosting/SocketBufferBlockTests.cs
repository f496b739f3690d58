using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace CodexRelay.Tests.Hosting;

/// <summary>
/// <c>CodexRelay:SocketBufferBlockBytes</c>: Kestrel reads connections into 64 KB blocks by default, its own pool with 0;
/// a block is leased to one owner at a time, however often it is returned.
/// </summary>
public sealed class SocketBufferBlockTests
{
    [Fact]
    public async Task ByDefault_KestrelTakesItsBlocksFromTheLargeBlockPool()
    {
        await using var app = RelayApplication.Build(["--port", "0"]);

        var factory = app.Services.GetRequiredService<IMemoryPoolFactory<byte>>();
        using var pool = factory.Create();

        Assert.IsType<LargeBlockMemoryPool>(pool);
        Assert.Equal(64 * 1024, pool.MaxBufferSize);
        Assert.Same(pool, factory.Create());
    }

    [Fact]
    public async Task Zero_KeepsKestrelsOwnPool()
    {
        await using var app = RelayApplication.Build(["--port", "0", "--CodexRelay:SocketBufferBlockBytes=0"]);

        using var pool = app.Services.GetRequiredService<IMemoryPoolFactory<byte>>().Create();

        Assert.IsNotType<LargeBlockMemoryPool>(pool);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(-1)]
    [InlineData(2 * 1024 * 1024)]
    public void ABlockSizeOutOfRange_FailsValidation_NamingTheKey(int bytes)
    {
        var result = new RelayOptionsValidator().Validate(null, new RelayOptions { SocketBufferBlockBytes = bytes });

        Assert.True(result.Failed);
        Assert.Contains("CodexRelay:SocketBufferBlockBytes", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ABlock_IsTheWholeBlockSize_WhateverWasAskedFor()
    {
        using var pool = new LargeBlockMemoryPool(8192, retainedBlocks: 4);

        using var small = pool.Rent(100);
        using var any = pool.Rent();

        Assert.Equal(8192, small.Memory.Length);
        Assert.Equal(8192, any.Memory.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(8193));
    }

    [Fact]
    public void AReturnedBlock_IsReused_AndASecondDispose_DoesNotHandItOutTwice()
    {
        using var pool = new LargeBlockMemoryPool(4096, retainedBlocks: 4);
        var first = pool.Rent();
        first.Memory.Span[0] = 42;
        first.Dispose();
        first.Dispose();

        var again = pool.Rent();
        var other = pool.Rent();

        Assert.Equal(42, again.Memory.Span[0]);
        Assert.False(again.Memory.Span.Overlaps(other.Memory.Span), "one block was leased to two owners");
    }

    [Fact]
    public void BlocksBeyondTheRetainedCount_AreLetGo()
    {
        using var pool = new LargeBlockMemoryPool(4096, retainedBlocks: 1);
        var a = pool.Rent();
        var b = pool.Rent();
        a.Dispose();
        b.Dispose();

        var first = pool.Rent();
        var second = pool.Rent();

        Assert.True(first.Memory.Span.Overlaps(a.Memory.Span), "the retained block was not reused");
        Assert.False(second.Memory.Span.Overlaps(b.Memory.Span), "a block beyond the retained count was kept");
    }
}
