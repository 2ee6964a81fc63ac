[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Interop.Torch.Tests;

/// <summary>
/// CUDA devices and the caching allocator's figures, on a GPU machine with a shim built against a
/// CUDA libtorch. These fail where CUDA is absent (first assertion), so they live in a program of
/// their own, which build.sh runs only where the shim has CUDA and the machine a GPU, and
/// tools/device-check.sh on a lent GPU machine; Interop.Torch.Tests' <c>CudaUnavailableTests</c>
/// cover the other side. Tests do not run in parallel here, so no other test allocates meanwhile.
/// </summary>
[Trait("Category", "Cuda")]
public class CudaTests
{
    private const long MiB = 1 << 20;

    public CudaTests() =>
        Assert.True(Cuda.IsAvailable,
            $"CUDA is not available (built with CUDA: {Cuda.IsBuilt}): these tests need an NVIDIA GPU and a shim " +
            "built against a CUDA libtorch; Interop.Torch.Tests' CudaUnavailableTests cover this machine");

    /// <summary>A float32 tensor of <paramref name="bytes"/> bytes on device 0.</summary>
    private static Tensor OnGpu(long bytes) => Tensor.Empty([bytes / sizeof(float)], DType.Float32, Device.Cuda(0));

    [Fact]
    public void Queries_SeeTheDevice()
    {
        Assert.True(Cuda.IsBuilt);
        Assert.True(LibTorch.CudaIsAvailable);
        Assert.True(Cuda.DeviceCount > 0);
    }

    [Fact]
    public void DeviceIndexOutOfRange_IsAnArgumentError()
    {
        int count = Cuda.DeviceCount;
        BadInputAssert.Rejects<TorchArgumentException>(() => Cuda.Synchronize(count), "out of range");
        BadInputAssert.Rejects<TorchArgumentException>(() => Cuda.MemoryStats(count), "out of range");
        BadInputAssert.Rejects<TorchArgumentException>(() => Cuda.ResetPeakMemory(-2), "out of range");
    }

    [Fact]
    public void MemoryStats_GrowWithACudaTensor_AndFallWhenItIsDisposed()
    {
        Cuda.Synchronize();
        CudaMemoryStats before = Cuda.MemoryStats();
        CudaMemoryStats during;
        using (OnGpu(64 * MiB))
        {
            during = Cuda.MemoryStats();
        }
        CudaMemoryStats after = Cuda.MemoryStats();

        Assert.True(during.AllocatedBytes >= before.AllocatedBytes + 64 * MiB, $"{before} -> {during}");
        Assert.True(during.ReservedBytes >= during.AllocatedBytes, during.ToString());
        Assert.True(during.PeakAllocatedBytes >= during.AllocatedBytes, during.ToString());
        Assert.True(during.PeakReservedBytes >= during.ReservedBytes, during.ToString());
        Assert.Equal(before.AllocatedBytes, after.AllocatedBytes);
        // The freed block stays in the allocator's cache until EmptyCache.
        Assert.True(after.ReservedBytes >= before.AllocatedBytes + 64 * MiB, $"{during} -> {after}");
    }

    [Fact]
    public void EmptyCache_ReturnsTheBlocksOfDisposedTensors_AndKeepsLiveOnes()
    {
        using var live = OnGpu(16 * MiB);
        using (OnGpu(128 * MiB)) { }
        Cuda.Synchronize();
        CudaMemoryStats cached = Cuda.MemoryStats();
        Cuda.EmptyCache();
        CudaMemoryStats emptied = Cuda.MemoryStats();

        Assert.True(emptied.ReservedBytes <= cached.ReservedBytes - 128 * MiB, $"{cached} -> {emptied}");
        Assert.Equal(cached.AllocatedBytes, emptied.AllocatedBytes);
        Assert.True(emptied.ReservedBytes >= live.Numel * sizeof(float), emptied.ToString());
    }

    [Fact]
    public void ResetPeakMemory_StartsThePeakAgainFromNow()
    {
        using (OnGpu(96 * MiB)) { }
        CudaMemoryStats high = Cuda.MemoryStats();
        Assert.True(high.PeakAllocatedBytes >= high.AllocatedBytes + 96 * MiB, high.ToString());

        Cuda.ResetPeakMemory();
        CudaMemoryStats reset = Cuda.MemoryStats();
        Assert.Equal(reset.AllocatedBytes, reset.PeakAllocatedBytes);
        Assert.Equal(reset.ReservedBytes, reset.PeakReservedBytes);
    }

    [Fact]
    public void EmptyPinned_CopiesToTheGpuWithoutBlocking_AndBack()
    {
        using var pinned = Tensor.EmptyPinned([4]);
        Assert.Equal(Device.Cpu, pinned.Device);
        pinned.CopyFrom<float>([1, 2, 3, 4]);
        using var onGpu = pinned.To(Device.Cuda(0), nonBlocking: true);
        Cuda.Synchronize();
        Assert.Equal(Device.Cuda(0), onGpu.Device);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, onGpu.ToArray<float>());
    }

    [Fact]
    public void CreationConversionAndModules_RunOnTheGpu()
    {
        using var zeros = Tensor.Zeros([2], DType.Float32, Device.Cuda(0));
        using var ones = Tensor.Ones(2);
        using var moved = ones.To(Device.Cuda(0), nonBlocking: true);
        using var sum = Torch.Add(zeros, moved);
        using var layer = Layers.Linear(2, 3);
        layer.To(Device.Cuda(0));
        using var x = Tensor.Ones([1, 2], DType.Float32, Device.Cuda(0));
        using var y = layer.Forward(x);
        Assert.Equal(Device.Cuda(0), y.Device);
        Assert.Equal(new float[] { 1, 1 }, sum.ToArray<float>());
    }
}
