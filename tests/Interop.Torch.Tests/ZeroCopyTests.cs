using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Interop.Torch.Tests;

public unsafe class ZeroCopyTests
{
    [Fact]
    public void FromArray_DataPointerIsTheArrayAddress()
    {
        float[] array = [1, 2, 3, 4, 5, 6];
        using var t = Tensor.FromArray(array, 2, 3);
        fixed (float* first = array)
        {
            Assert.Equal((nint)first, t.DataPointer<float>());
        }
        TensorAssert.Shape(t, 2, 3);
        Assert.Equal(DType.Float32, t.DType);
    }

    [Fact]
    public void FromArray_WritesShowThroughBothWays()
    {
        long[] array = [1, 2, 3, 4];
        using var t = Tensor.FromArray(array, 4);

        array[2] = 30;
        Assert.Equal(30L, t.DangerousAsSpan<long>()[2]);
        Assert.Equal(new long[] { 1, 2, 30, 4 }, t.ToArray<long>());

        t.MulInPlace(2);
        Assert.Equal(new long[] { 2, 4, 60, 8 }, array);

        t.DangerousAsSpan<long>()[0] = -1;
        Assert.Equal(-1L, array[0]);
    }

    [Fact]
    public void FromMemory_OverASlice()
    {
        double[] array = [0, 1, 2, 3, 4, 5, 6, 7];
        using var t = Tensor.FromMemory(array.AsMemory(2, 4), 2, 2);
        fixed (double* third = &array[2])
        {
            Assert.Equal((nint)third, t.DataPointer<double>());
        }
        Assert.Equal(new double[] { 2, 3, 4, 5 }, t.ToArray<double>());
        t.AddInPlace(10);
        Assert.Equal(new double[] { 0, 1, 12, 13, 14, 15, 6, 7 }, array);
    }

    [Fact]
    public void FromArray_AsResult_ReceivesTheOutput()
    {
        float[] output = new float[3];
        using var a = Tensor.FromData<float>([1, 2, 3]);
        using var b = Tensor.FromData<float>([10, 20, 30]);
        using var r = Tensor.FromArray(output, 3);
        Torch.Add(a, b, result: r);
        Assert.Equal(new float[] { 11, 22, 33 }, output);
    }

    [Fact]
    public void FromArray_ViewsShareTheArray()
    {
        int[] array = [1, 2, 3, 4, 5, 6];
        using var t = Tensor.FromArray(array, 6);
        using var v = t.View([2, 3]);
        using var p = v.Permute([1, 0]);
        p.MulInPlace(-1);
        Assert.Equal(new[] { -1, -2, -3, -4, -5, -6 }, array);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Tensor TensorOverUnreferencedMemory(int count, out WeakReference weak)
    {
        var array = new float[count];
        for (int i = 0; i < count; i++) array[i] = i * 0.5f;
        weak = new WeakReference(array);
        Memory<float> memory = array;
        return Tensor.FromMemory(memory, count);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AllocateGarbage()
    {
        for (int i = 0; i < 1000; i++) GC.KeepAlive(new byte[1024]);
    }

    [Fact]
    public void FromMemory_SurvivesFullGc_AfterTheCallerDropsItsReferences()
    {
        const int count = 4096;
        var t = TensorOverUnreferencedMemory(count, out WeakReference weak);
        nint before = t.DataPointer<float>();

        for (int round = 0; round < 3; round++)
        {
            AllocateGarbage();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        // The array is pinned, so it neither moved nor was collected.
        Assert.Equal(before, t.DataPointer<float>());
        float[] values = t.ToArray<float>();
        for (int i = 0; i < count; i++) Assert.Equal(i * 0.5f, values[i]);
        t.AddInPlace(1);
        Assert.Equal(1f, t.ToArray<float>()[0]);
        Assert.True(weak.IsAlive);

        t.Dispose();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(weak.IsAlive, "the array outlived the tensor that pinned it");
    }

    [Fact]
    public void FromMemory_Unpins_WhenTheTensorIsDisposed()
    {
        WeakReference weak = WrapAndDispose();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(weak.IsAlive, "the array is still pinned or referenced after the tensor was disposed");
    }

    // Everything that references the array lives in this frame, so only a leaked pin could keep it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference WrapAndDispose()
    {
        var array = new byte[64];
        using var t = Tensor.FromArray(array, 8, 8);
        using var v = t.View([64]);
        Assert.Equal(64, v.Numel);
        return new WeakReference(array);
    }

    [Fact]
    public void FromPointer_ReleaseRunsOnce_AfterTheTensorAndItsViewsAreDisposed()
    {
        const int count = 6;
        float* buffer = (float*)NativeMemory.Alloc(count * sizeof(float));
        for (int i = 0; i < count; i++) buffer[i] = i + 1;
        int releases = 0;
        var t = Tensor.FromPointer((nint)buffer, [2, 3], DType.Float32, () =>
        {
            Interlocked.Increment(ref releases);
            NativeMemory.Free(buffer);
        });
        Assert.Equal((nint)buffer, t.DataPointer<float>());
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, t.ToArray<float>());

        var view = t.View([6]);
        var permuted = t.Permute([1, 0]);
        t.Dispose();
        Assert.Equal(0, releases);

        view.MulInPlace(2);
        Assert.Equal(12f, buffer[5]);
        view.Dispose();
        Assert.Equal(0, releases);

        Assert.Equal(new float[] { 2, 8, 4, 10, 6, 12 }, permuted.ToArray<float>());
        permuted.Dispose();
        Assert.Equal(1, releases);

        permuted.Dispose();
        t.Dispose();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(1, releases);
    }

    [Fact]
    public void FromPointer_WithoutRelease_LeavesTheMemoryToTheCaller()
    {
        long* buffer = (long*)NativeMemory.Alloc(4 * sizeof(long));
        try
        {
            for (int i = 0; i < 4; i++) buffer[i] = i * 10;
            using (var t = Tensor.FromPointer((nint)buffer, [4], DType.Int64, release: null))
            {
                Assert.Equal(new long[] { 0, 10, 20, 30 }, t.ToArray<long>());
                t.AddInPlace(1);
            }
            Assert.Equal(31, buffer[3]);
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }

    [UnmanagedCallersOnly]
    private static void CountRelease(void* context) => Interlocked.Increment(ref *(int*)context);

    [Fact]
    public void FromPointer_WithNativeRelease()
    {
        int* counter = (int*)NativeMemory.AllocZeroed(sizeof(int));
        double* buffer = (double*)NativeMemory.Alloc(2 * sizeof(double));
        try
        {
            buffer[0] = 1.5;
            buffer[1] = 2.5;
            var t = Tensor.FromPointer((nint)buffer, [2], DType.Float64, &CountRelease, (nint)counter);
            Assert.Equal(new[] { 1.5, 2.5 }, t.ToArray<double>());
            Assert.Equal(0, *counter);
            t.Dispose();
            Assert.Equal(1, *counter);
        }
        finally
        {
            NativeMemory.Free(buffer);
            NativeMemory.Free(counter);
        }
    }

    [Fact]
    public void FromPointer_Failing_StillReleasesOnce()
    {
        int releases = 0;
        // A negative size makes the shim reject the call; it owns the release callback regardless.
        Assert.Throws<TorchArgumentException>(() =>
            Tensor.FromPointer(1234, [-1], DType.Float32, () => releases++));
        Assert.Equal(1, releases);
    }

    [Fact]
    public void FromMemory_Empty()
    {
        using (var t = Tensor.FromArray(Array.Empty<float>(), 0))
        {
            Assert.Equal(0, t.Numel);
            Assert.Empty(t.ToArray<float>());
        }
        using (var t = Tensor.FromMemory(Memory<long>.Empty, 2, 0))
        {
            TensorAssert.Shape(t, 2, 0);
            Assert.Equal(DType.Int64, t.DType);
        }
    }

    [Fact]
    public void FromArray_WrongLengthShape_Throws()
    {
        var array = new float[6];
        Assert.Throws<ArgumentException>(() => Tensor.FromArray(array, 2, 2));
        Assert.Throws<ArgumentException>(() => Tensor.FromArray(array, 7));
        Assert.Throws<ArgumentException>(() => Tensor.FromMemory(array.AsMemory(1), 2, 3));
        Assert.Throws<ArgumentException>(() => Tensor.FromArray(array, -2, -3));
    }

    [Fact]
    public void FromArray_WrongLengthShape_LeavesNothingPinnedOrLive()
    {
        long live = LibTorch.LiveHandles;
        var array = new float[6];
        Assert.Throws<ArgumentException>(() => Tensor.FromArray(array, 5));
        Assert.Equal(live, LibTorch.LiveHandles);
    }
}
