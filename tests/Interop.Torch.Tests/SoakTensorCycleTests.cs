using System.Diagnostics;
using Xunit.Abstractions;

namespace Interop.Torch.Tests;

[Trait("Category", "Soak")]
public class SoakTensorCycleTests(ITestOutputHelper output)
{
    private static void Cycles(int count, Tensor one)
    {
        for (int i = 0; i < count; i++)
        {
            using var t = Tensor.Zeros(256);
            using var sum = Torch.Add(t, one);
        }
    }

    [Fact]
    public void CreateDisposeCycles_KeepHandlesAndRssFlat()
    {
        int cycles = SoakScale.Of(1_000_000);
        using var one = Tensor.Ones(256);
        // Warm-up: JIT, libtorch's allocator caches and glibc's arenas reach their steady size.
        Cycles(20_000, one);
        long handles = SoakMemory.SettledLiveHandles();
        long rss = SoakMemory.SettledRss();

        var clock = Stopwatch.StartNew();
        Cycles(cycles, one);
        clock.Stop();
        long grown = SoakMemory.SettledRss() - rss;

        output.WriteLine($"{cycles} cycles (Zeros(256) + Add + 2 Dispose) in {clock.Elapsed.TotalSeconds:F1} s; " +
            $"RSS {rss / SoakMemory.MiB} MiB, grown {grown / 1024} KiB; live handles {handles} -> {LibTorch.LiveHandles}");
        Assert.Equal(handles, LibTorch.LiveHandles);
        Assert.True(grown < 5 * SoakMemory.MiB, $"RSS grew by {grown / 1024} KiB over {cycles} cycles");
    }
}
