namespace Interop.Torch.Tests;

/// <summary>
/// <see cref="Tensor.LeaseData{T}"/>, the safe way to the elements in place: while a lease is
/// held, neither Dispose (on any thread) nor an op can free the memory its span covers.
/// Storing the span beyond the lease's scope is a compile error (CS8156), which a test cannot
/// show; these tests show the runtime half.
/// </summary>
public class DataLeaseTests
{
    [Fact]
    public void Span_ReadsAndWritesTheElementsInPlace()
    {
        using var t = Tensor.FromData<float>([1, 2, 3, 4], 2, 2);
        using (var data = t.LeaseData<float>())
        {
            Assert.Equal(4, data.Span.Length);
            Assert.Equal(3f, data.Span[2]);
            data.Span[0] = 10;
        }
        Assert.Equal(new float[] { 10, 2, 3, 4 }, t.ToArray<float>());
    }

    [Fact]
    public void LeasingInALoop_AllocatesNothingManaged()
    {
        using var t = Tensor.Ones(16);
        static float FirstOf(Tensor t)
        {
            using var data = t.LeaseData<float>();
            return data.Span[0];
        }
        // Warm-up: JIT compilation and the tensor's lease entries, made at its first lease.
        for (int i = 0; i < 200; i++) FirstOf(t);

        long before = GC.GetAllocatedBytesForCurrentThread();
        float total = 0;
        for (int i = 0; i < 10_000; i++) total += FirstOf(t);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(10_000f, total);
    }

    [Fact]
    public void A64MegabyteTensorDisposedOnAnotherThread_StaysReadableThroughTheLease()
    {
        const int Count = 16 << 20;
        long before = SoakMemory.SettledLiveHandles();
        var t = Tensor.Full([Count], 2f);
        using (var data = t.LeaseData<float>())
        {
            var disposer = new Thread(t.Dispose);
            disposer.Start();
            disposer.Join();
            Assert.Throws<ObjectDisposedException>(() => t.Numel);
            // The slot, and the 64 MB under the span, are still there.
            Assert.Equal(before + 1, LibTorch.LiveHandles);
            double sum = 0;
            foreach (float value in data.Span) sum += value;
            Assert.Equal(2.0 * Count, sum);
            data.Span[Count - 1] = 5;
        }
        Assert.Equal(before, LibTorch.LiveHandles);
    }

    [Fact]
    public void ALeasedTensorAsAResult_IsWrittenInto_OrTheOpThrows()
    {
        using var t = Tensor.Zeros(3);
        using var wider = Tensor.Ones(5);
        using var sum = Tensor.FromData<float>([1, 2, 3]);
        using var data = t.LeaseData<float>();

        // Clone always makes a fresh tensor: into a leased slot its values are copied instead.
        sum.Clone(result: t);
        Assert.Equal(new float[] { 1, 2, 3 }, data.Span.ToArray());
        var error = BadInputAssert.Rejects<TorchArgumentException>(() => wider.Clone(result: t), "leased", "[5]", "[3]");
        Assert.Contains("does not fit it", error.Message);
        Assert.Equal(new float[] { 1, 2, 3 }, data.Span.ToArray());
    }

    [Fact]
    public void AfterTheLease_TheTensorIsRebindableAgain_AndTheSpanIsRefused()
    {
        using var t = Tensor.Zeros(3);
        using var wider = Tensor.Ones(5);
        var data = t.LeaseData<float>();
        data.Dispose();
        data.Dispose();

        // A ref struct cannot be captured by Assert.Throws's lambda.
        bool refused = false;
        try
        {
            _ = data.Span.Length;
        }
        catch (ObjectDisposedException)
        {
            refused = true;
        }
        Assert.True(refused, "the span of a disposed lease was handed out");
        wider.Clone(result: t);
        Assert.Equal(5, t.Numel);
    }

    [Fact]
    public void DisposingACopyOfALease_AsWell_EndsItOnly_Once()
    {
        long before = SoakMemory.SettledLiveHandles();
        var t = Tensor.Zeros(3);
        var first = t.LeaseData<float>();
        var second = t.LeaseData<float>();
        var copy = first;
        first.Dispose();
        // Releasing the borrow again here would let the Dispose below free the slot under `second`.
        copy.Dispose();
        t.Dispose();

        Assert.Equal(before + 1, LibTorch.LiveHandles);
        second.Span[2] = 7;
        Assert.Equal(7f, second.Span[2]);
        second.Dispose();
        Assert.Equal(before, LibTorch.LiveHandles);
    }

    [Fact]
    public void Leasing_ADisposedTensor_Throws_AndABadLease_LeavesNoBorrow()
    {
        long before = SoakMemory.SettledLiveHandles();
        var t = Tensor.Zeros(3);
        BadInputAssert.Rejects<TorchArgumentException>(() => t.LeaseData<int>().Span.Length, "requested element type is Int but the tensor's dtype is Float");
        t.Dispose();
        // Freed at once: the refused lease released its borrow.
        Assert.Equal(before, LibTorch.LiveHandles);
        Assert.Throws<ObjectDisposedException>(() => t.LeaseData<float>().Span.Length);
    }
}
