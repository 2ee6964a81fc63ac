using Xunit.Abstractions;

namespace Interop.Torch.Tests.Indexing;

/// <summary>
/// What indexing allocates after warm-up: nothing managed into a result slot; through the
/// indexer, the returned tensor object alone, whatever the number of entries.
/// </summary>
public class IndexingAllocationTests(ITestOutputHelper output)
{
    private const int Calls = 10_000;

    private const int Rounds = 5;

    // Bytes per call, the least of a few rounds (see GetItemIntoAResult_AllocatesNothingManaged_AndNoHandles).
    private static long AllocatedPerCall(Action call)
    {
        for (int i = 0; i < 200; i++) call();
        long least = long.MaxValue;
        for (int round = 0; round < Rounds; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Calls; i++) call();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least / Calls;
    }

    [Fact]
    public void GetItemIntoAResult_AllocatesNothingManaged_AndNoHandles()
    {
        using Tensor t = Tensor.Rand(8, 6);
        using var view = new Tensor();
        using Tensor order = Tensor.FromData<long>([3, 1]);
        using var picked = Tensor.Empty(2, 6);
        using var source = Tensor.Ones(8, 2);
        double total = 0;

        void Step()
        {
            t.GetItem(view, 1);
            t.GetItem(view, ^1);
            t.GetItem(view, .., 1..3);
            t.GetItem(view, 1.., ^2..);
            t.GetItem(view, 0, 1);
            t.GetItem(view, TensorIndex.Ellipsis, TensorIndex.NewAxis, TensorIndex.Slice(step: 2));
            t.GetItem(picked, order);
            // The allocation-free spelling of t[.., 1..3] = source and t[2] = 0.5.
            t.GetItem(view, .., 1..3).CopyInPlace(source);
            t.GetItem(view, 2).FillInPlace(0.5);
            total += picked.Numel;
        }

        for (int i = 0; i < 200; i++) Step();
        long live = LibTorch.LiveHandles;
        // The least of a few rounds: tiered JIT compilation can promote a method during the first
        // measured round and allocate a few hundred bytes once on this thread, not per call.
        long allocated = long.MaxValue;
        for (int round = 0; round < Rounds && allocated != 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Calls; i++) Step();
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated);
        Assert.Equal(live, LibTorch.LiveHandles);
        Assert.Equal(0, total % 12);
        Assert.Equal(new float[] { 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f }, t.GetItem(view, 2).ToArray<float>());
        Assert.Equal(new float[] { 1f, 1f }, t.GetItem(view, 0, 1..3).ToArray<float>());
    }

    [Fact]
    public void TheIndexer_AllocatesOnlyTheTensorItReturns()
    {
        using Tensor t = Tensor.Rand(8, 6);
        using Tensor source = Tensor.Ones(8, 2);
        long oneResult = AllocatedPerCall(() => { using Tensor r = t.Select(0, 1); });
        Assert.InRange(oneResult, 1, 256);
        output.WriteLine($"One returned tensor: {oneResult} managed bytes per call.");

        Assert.Equal(oneResult, AllocatedPerCall(() => { using Tensor r = t[1]; }));
        Assert.Equal(oneResult, AllocatedPerCall(() => { using Tensor r = t[.., 1..3]; }));
        Assert.Equal(oneResult, AllocatedPerCall(() => { using Tensor r = t[1.., ^2.., TensorIndex.NewAxis]; }));
        // Assignment makes one short-lived view slot, disposed before it returns.
        Assert.Equal(oneResult, AllocatedPerCall(() => t[.., 1..3] = source));
        Assert.Equal(oneResult, AllocatedPerCall(() => t.SetItem(0.25, 1)));
    }

    [Fact]
    public void Comparisons_IntoAResult_AllocateNothingManaged()
    {
        using Tensor a = Tensor.Rand(16);
        using Tensor b = Tensor.Rand(16);
        using Tensor mask = a < b;
        using Tensor other = a >= 0.5;
        Assert.Equal(0, AllocatedPerCall(() =>
        {
            Torch.Lt(a, b, mask);
            Torch.Ge(a, 0.5, other);
            Torch.BitwiseAnd(mask, other, mask);
        }));
    }
}
