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
    public void CreateDisposeCycles_KeepHandlesAndHeapsFlat()
    {
        int cycles = SoakScale.Of(4_000_000);
        using var one = Tensor.Ones(256);
        // Warm-up: JIT, libtorch's allocator caches and glibc's arenas reach their steady size.
        Cycles(20_000, one);
        long handles = SoakMemory.SettledLiveHandles();
        var clock = Stopwatch.StartNew();
        var (runs, grown) = SoakMemory.GrowthOverRuns(() => Cycles(cycles / 2, one));
        clock.Stop();

        output.WriteLine($"{runs.Count} x {cycles / 2} cycles (Zeros(256) + Add + 2 Dispose) in {clock.Elapsed.TotalSeconds:F1} s; " +
            $"grown: {string.Join("; then ", runs)}; live handles {handles} -> {LibTorch.LiveHandles}");
        Assert.Equal(handles, LibTorch.LiveHandles);
        // Leaked tensors show in the handle count; this catches what leaks beside them.
        Assert.True(grown.NativeHeap < SoakMemory.AllowedGrowth, $"malloc'd memory grew by {grown.NativeHeap / 1024} KiB or more in each of {runs.Count} runs of {cycles / 2} cycles");
        Assert.True(grown.ManagedHeap < SoakMemory.AllowedGrowth, $"the managed heap grew by {grown.ManagedHeap / 1024} KiB or more in each of {runs.Count} runs of {cycles / 2} cycles");
    }
}
