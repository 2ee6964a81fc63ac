namespace Interop.Torch.Tests;

public class AllocationTests
{
    private static void Step(Tensor a, Tensor b, Tensor w, Tensor sum, Tensor scaled, Tensor product)
    {
        // Into results that fit and share no storage with an input: written in place. Where the
        // result is the input, the in-place forms (a generated op writes into no storage an input
        // shares, and 1.13 has no meta kernel for relu, so Torch.Relu would rebind its result).
        Torch.Add(a, b, result: sum);
        Torch.Mul(sum, 0.5, result: scaled);
        scaled.ReluInPlace();
        Torch.Matmul(scaled, w, result: product);
        product.SubInPlace(1);
        product.SigmoidInPlace();
        product.MulInPlace(2.0);
        scaled.AddInPlace(b);
    }

    [Fact]
    public void OpsIntoPreallocatedResults_AllocateNothingManaged()
    {
        LibTorch.ManualSeed(5);
        using var a = Tensor.Randn(8, 8);
        using var b = Tensor.Randn(8, 8);
        using var w = Tensor.Randn(8, 4);
        using var sum = Tensor.Empty(8, 8);
        using var scaled = Tensor.Empty(8, 8);
        using var product = Tensor.Empty(8, 4);

        // Warm-up: JIT compilation and the results' first binding.
        for (int i = 0; i < 200; i++) Step(a, b, w, sum, scaled, product);
        nint sumData = sum.DataPointer<float>();
        nint productData = product.DataPointer<float>();
        long live = LibTorch.LiveHandles;

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) Step(a, b, w, sum, scaled, product);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(live, LibTorch.LiveHandles);
        Assert.Equal(sumData, sum.DataPointer<float>());
        Assert.Equal(productData, product.DataPointer<float>());
        Assert.All(product.ToArray<float>(), v => Assert.InRange(v, 0f, 2f));
    }

    [Fact]
    public void QueriesAndDataAccess_AllocateNothingManaged()
    {
        using var t = Tensor.Zeros(3, 4);
        Span<long> shape = stackalloc long[4];
        long total = 0;
        for (int i = 0; i < 100; i++) total += Query(t, shape);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) total += Query(t, shape);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(10_100L * (2 + 12 + 3 + 4 + 12), total);
    }

    private static long Query(Tensor t, Span<long> shape)
    {
        Span<float> data = t.DangerousAsSpan<float>();
        data[0] = 0;
        return t.Dim + t.Numel + t.Size(0) + t.GetShape(shape) - 2 + shape[1] + data.Length;
    }
}
