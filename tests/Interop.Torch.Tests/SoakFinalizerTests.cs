using System.Runtime.CompilerServices;
using Xunit.Abstractions;

namespace Interop.Torch.Tests;

[Trait("Category", "Soak")]
public class SoakFinalizerTests(ITestOutputHelper output)
{
    private const long Elements = 1024;

    // Never disposes, and never calls GC.Collect: only the GC's own schedule (told about
    // the native memory by Tensor) may reclaim these. Returns the peak RSS seen.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long DropTensors(int count)
    {
        long peak = SoakMemory.Rss();
        for (int i = 0; i < count; i++)
        {
            var t = Tensor.Zeros(Elements);
            Torch.Add(t, t);
            if (i % 1000 == 0) peak = Math.Max(peak, SoakMemory.Rss());
        }
        return peak;
    }

    [Fact]
    public void UndisposedTensorsInAFastLoop_AreReclaimedWithBoundedRss()
    {
        int count = SoakScale.Of(1_000_000);
        long handles = SoakMemory.SettledLiveHandles();
        long rss = SoakMemory.SettledRss();

        long peakGrowth = DropTensors(count) - rss;
        long unreclaimed = 2L * count * Elements * sizeof(float);
        long afterHandles = SoakMemory.SettledLiveHandles();

        output.WriteLine($"{2 * count} undisposed tensors of {Elements} floats ({unreclaimed / SoakMemory.MiB} MiB if none were reclaimed): " +
            $"peak RSS growth {peakGrowth / SoakMemory.MiB} MiB; live handles {handles} -> {afterHandles}");
        // Tensor waits for the finalizers after every 256 MiB left to them, so the growth stays
        // near that whatever the finalizer thread's lag (full size: 284 MiB; 2186 MiB with
        // memory pressure alone, 2335 MiB with neither; docs/soak.md).
        Assert.True(peakGrowth < 512 * SoakMemory.MiB, $"RSS peaked {peakGrowth / SoakMemory.MiB} MiB above the start");
        Assert.Equal(handles, afterHandles);
        using var check = Tensor.Ones(2);
        Assert.Equal(new float[] { 2, 2 }, Torch.Add(check, check, result: check).ToArray<float>());
    }
}
