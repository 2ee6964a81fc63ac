using System.Runtime.CompilerServices;

namespace Interop.Torch.Tests;

public class LeakTests
{
    /// <summary>Runs every pending finalizer, so tensors other tests dropped do not move the count mid-test.</summary>
    private static long SettledLiveHandles()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return LibTorch.LiveHandles;
    }

    [Fact]
    public void CreateDisposeCycles_ReturnToTheStartCount()
    {
        long start = SettledLiveHandles();
        using var one = Tensor.Ones(4);
        for (int i = 0; i < 100_000; i++)
        {
            using var t = Tensor.Zeros(4);
            using var r = Torch.Add(t, one);
        }
        Assert.Equal(start + 1, LibTorch.LiveHandles);
        one.Dispose();
        Assert.Equal(start, LibTorch.LiveHandles);
    }

    [Fact]
    public void EachCreationAddsExactlyOneHandle()
    {
        long start = SettledLiveHandles();
        var t = Tensor.Arange(6);
        var v = t.View([2, 3]);
        var (values, indices) = Torch.Max(v, 1);
        Assert.Equal(start + 4, LibTorch.LiveHandles);
        foreach (var tensor in new[] { t, v, values, indices }) tensor.Dispose();
        Assert.Equal(start, LibTorch.LiveHandles);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CreateAndDrop(int count)
    {
        for (int i = 0; i < count; i++)
        {
            var t = Tensor.Full([3], i);
            if (i % 4 == 0)
            {
                // Views and zero-copy tensors too: their storage is freed whichever slot goes last.
                _ = t.View([1, 3]);
                _ = Tensor.FromArray(new float[] { i, i, i }, 3);
            }
        }
    }

    [Fact]
    public void UndisposedTensors_AreReleasedByTheFinalizer()
    {
        long start = SettledLiveHandles();
        CreateAndDrop(10_000);
        Assert.True(LibTorch.LiveHandles > start, "the tensors were freed before any collection");

        long after = SettledLiveHandles();
        Assert.Equal(start, after);

        // The process is healthy afterwards.
        using var t = Tensor.Ones(2);
        Assert.Equal(new float[] { 2, 2 }, Torch.Add(t, t, result: t).ToArray<float>());
    }

    [Fact]
    public void FailedOps_LeakNothing()
    {
        long start = SettledLiveHandles();
        using var a = Tensor.Ones(2, 3);
        // libtorch captures a backtrace per error, so each failure costs milliseconds.
        for (int i = 0; i < 50; i++)
        {
            Assert.Throws<TorchException>(() => Torch.Matmul(a, a));
            Assert.Throws<TorchIndexException>(() => Torch.Max(a, 5));
        }
        a.Dispose();
        Assert.Equal(start, LibTorch.LiveHandles);
    }
}
