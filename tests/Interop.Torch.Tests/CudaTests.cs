namespace Interop.Torch.Tests;

/// <summary>
/// Every CUDA request where CUDA cannot be used: a shim built against a CPU-only libtorch (as
/// here, Debian's 1.13.1), or a CUDA build on a machine without a usable GPU. Each must throw one
/// <see cref="CudaUnavailableException"/> saying why, and leave no handle behind. Only meaningful
/// where CUDA is absent: these tests fail where it is present, and test runs there exclude them
/// (<c>--filter Category!=NoCuda</c>); <see cref="CudaTests"/> covers that side.
/// </summary>
[Trait("Category", "NoCuda")]
public class CudaUnavailableTests
{
    public CudaUnavailableTests() =>
        Assert.False(Cuda.IsAvailable, "CUDA is available here: run CudaTests instead (--filter Category!=NoCuda)");

    /// <summary>What every message says: that CUDA is unavailable, and why.</summary>
    private static string[] Reason => Cuda.IsBuilt
        ? ["CUDA is not available", "no CUDA device is present"]
        : ["CUDA is not available", "built without CUDA", LibTorch.Version, "LIBTORCH_DIR"];

    [Fact]
    public void Queries_SayThereIsNoCuda_WithoutThrowing()
    {
        Assert.False(Cuda.IsAvailable);
        Assert.False(LibTorch.CudaIsAvailable);
        Assert.Equal(0, Cuda.DeviceCount);
    }

    [Fact]
    public void Synchronize_Throws()
    {
        BadInputAssert.Rejects<CudaUnavailableException>(() => Cuda.Synchronize(), Reason);
        // Without CUDA the index is not looked at: the reason is still that CUDA is missing.
        BadInputAssert.Rejects<CudaUnavailableException>(() => Cuda.Synchronize(3), Reason);
    }

    [Fact]
    public void MemoryStats_Throws() =>
        BadInputAssert.Rejects<CudaUnavailableException>(() => Cuda.MemoryStats(), Reason);

    [Fact]
    public void ResetPeakMemory_Throws() =>
        BadInputAssert.Rejects<CudaUnavailableException>(() => Cuda.ResetPeakMemory(), Reason);

    [Fact]
    public void EmptyCache_Throws() =>
        BadInputAssert.Rejects<CudaUnavailableException>(Cuda.EmptyCache, Reason);

    [Fact]
    public void EmptyPinned_Throws_RatherThanLibTorchsAllocatorError() =>
        BadInputAssert.Rejects<CudaUnavailableException>(() => Tensor.EmptyPinned([2, 3]), Reason);

    [Fact]
    public void Creation_OnACudaDevice_Throws()
    {
        BadInputAssert.Rejects<CudaUnavailableException>(() => Tensor.Zeros([2], DType.Float32, Device.Cuda(0)), Reason);
        BadInputAssert.Rejects<CudaUnavailableException>(() => Tensor.Empty([2], DType.Float32, Device.Cuda(1)), Reason);
        BadInputAssert.Rejects<CudaUnavailableException>(() => Tensor.Randn([2], DType.Float32, Device.Cuda()), Reason);
        BadInputAssert.Rejects<CudaUnavailableException>(() => Tensor.Full([2], 1.5, device: Device.Cuda()), Reason);
    }

    [Fact]
    public void To_ACudaDevice_NonBlocking_Throws_AndLeavesTheResultAsItWas()
    {
        using var t = Tensor.Ones(2);
        BadInputAssert.Rejects<CudaUnavailableException>(() => t.To(Device.Cuda(0), nonBlocking: true), Reason);
        using var result = Tensor.Zeros(3);
        BadInputAssert.Rejects<CudaUnavailableException>(() => t.To(Device.Cuda(0), result: result), Reason);
        Assert.Equal(new float[] { 0, 0, 0 }, result.ToArray<float>());
    }

    [Fact]
    public void NativeModule_ToACudaDevice_Throws_AndTheModuleStillRunsOnTheCpu()
    {
        using var layer = Layers.Linear(2, 3);
        BadInputAssert.Rejects<CudaUnavailableException>(() => layer.To(Device.Cuda(0)), Reason);
        using var x = Tensor.Ones(1, 2);
        using var y = layer.Forward(x);
        Assert.Equal([1L, 3L], y.Shape);
        Assert.Equal(Device.Cpu, y.Device);
    }

    [Fact]
    public void EveryEntryPoint_GivesTheSameMessage()
    {
        using var t = Tensor.Ones(2);
        using var layer = Layers.Linear(2, 2);
        Action[] calls =
        [
            () => Cuda.Synchronize(),
            () => Cuda.MemoryStats(),
            () => Cuda.ResetPeakMemory(),
            Cuda.EmptyCache,
            () => Tensor.EmptyPinned([2]).Dispose(),
            () => Tensor.Zeros([2], DType.Float32, Device.Cuda()).Dispose(),
            () => t.To(Device.Cuda(), nonBlocking: true).Dispose(),
            () => layer.To(Device.Cuda()),
        ];
        var messages = new HashSet<string>();
        foreach (Action call in calls) messages.Add(Assert.Throws<CudaUnavailableException>(call).Message);
        string message = Assert.Single(messages);
        foreach (string part in Reason) Assert.Contains(part, message);
    }
}

/// <summary>
/// CUDA devices and the caching allocator's figures, on a GPU machine with a shim built against a
/// CUDA libtorch. These fail where CUDA is absent (first assertion), and test runs there exclude
/// them (<c>--filter Category!=Cuda</c>); <see cref="CudaUnavailableTests"/> covers that side.
/// Test classes do not run in parallel in this assembly, so no other test allocates meanwhile.
/// </summary>
[Trait("Category", "Cuda")]
public class CudaTests
{
    private const long MiB = 1 << 20;

    public CudaTests() =>
        Assert.True(Cuda.IsAvailable,
            $"CUDA is not available (built with CUDA: {Cuda.IsBuilt}): these tests need an NVIDIA GPU and a shim " +
            "built against a CUDA libtorch; run CudaUnavailableTests instead (--filter Category!=Cuda)");

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
        using var sum = Tensor.Add(zeros, moved);
        using var layer = Layers.Linear(2, 3);
        layer.To(Device.Cuda(0));
        using var x = Tensor.Ones([1, 2], DType.Float32, Device.Cuda(0));
        using var y = layer.Forward(x);
        Assert.Equal(Device.Cuda(0), y.Device);
        Assert.Equal(new float[] { 1, 1 }, sum.ToArray<float>());
    }
}
