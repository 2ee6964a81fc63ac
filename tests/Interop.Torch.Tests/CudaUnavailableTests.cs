namespace Interop.Torch.Tests;

/// <summary>
/// Every CUDA request where CUDA cannot be used: a shim built against a CPU-only libtorch (as
/// here, Debian's 1.13.1), or a CUDA build on a machine without a usable GPU. Each must throw one
/// <see cref="CudaUnavailableException"/> saying why, and leave no handle behind. Only meaningful
/// where CUDA is absent: these tests fail where it is present, and test runs there exclude them
/// (<c>--filter Category!=NoCuda</c>); tests/Interop.Cuda.Tests covers that side.
/// </summary>
[Trait("Category", "NoCuda")]
public class CudaUnavailableTests
{
    public CudaUnavailableTests() =>
        Assert.False(Cuda.IsAvailable, "CUDA is available here: run tests/Interop.Cuda.Tests instead (--filter Category!=NoCuda)");

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
