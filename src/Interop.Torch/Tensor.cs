using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>
/// A libtorch tensor, owned through a native slot. Dispose it to free the slot at once; a
/// tensor never disposed is freed by its finalizer. The ops (<see cref="Torch"/>'s functions and
/// this class's generated methods) that take a <c>result</c> tensor assign into it and allocate
/// nothing managed, writing into its storage through libtorch's out= form when its shape, dtype
/// and device already fit; without one they return a new tensor.
/// </summary>
public sealed unsafe partial class Tensor : NativeHandle
{
    // A slot's own native cost beyond its elements (slot, TensorImpl, StorageImpl, allocator
    // header), measured as RSS per undisposed 1-element tensor; see docs/soak.md.
    private const long NativeOverheadBytes = 512;

    // Undisposed tensors are freed on the single finalizer thread, which a fast loop on
    // another thread can outrun however early the GC collects. After this many announced
    // bytes more than were alive at the last reclaim, the allocating thread waits for the
    // finalizers once: one full collection per 256 MiB of tensors left to the finalizer.
    private const long ReclaimEveryBytes = 256L << 20;

    // Native bytes announced to the GC for this slot, withdrawn when the slot is freed.
    private long announcedBytes;

    // Announced bytes of all live slots, and that figure right after the last reclaim.
    private static long outstandingBytes;
    private static long outstandingAfterReclaim;

    /// <summary>Creates an empty slot, to be passed as the <c>result</c> of an op.</summary>
    public Tensor()
    {
        itorch_tensor* slot;
        int status = Itorch.itorch_tensor_new(&slot);
        if (status != 0) Status.Throw(status);
        SetHandle((nint)slot);
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Itorch.itorch_tensor_free((itorch_tensor*)handle);
        if (announcedBytes > 0)
        {
            GC.RemoveMemoryPressure(announcedBytes);
            Interlocked.Add(ref outstandingBytes, -announcedBytes);
        }
        return true;
    }

    // The GC sees a tensor as a few dozen managed bytes, so a loop that drops tensors
    // without disposing them could fill the native heap long before a collection runs
    // their finalizers. Announcing the native size makes the GC collect in time. Only
    // slots made for one call are announced: ops into a caller's result stay as cheap as
    // before. A view is announced in full though it shares its base's storage; the
    // over-estimate only brings collections forward.
    private void AnnounceNativeMemory()
    {
        var slot = (itorch_tensor*)handle;
        long elements = Itorch.itorch_tensor_numel(slot);
        var dtype = (DType)Itorch.itorch_tensor_dtype(slot);
        // A libtorch dtype this API does not name (complex) is counted at 8 bytes an element.
        long elementBytes = Enum.IsDefined(dtype) ? ElementType.SizeOf(dtype) : 8;
        long storage = elements > 0 ? elements * elementBytes : 0;
        announcedBytes = storage + NativeOverheadBytes;
        GC.AddMemoryPressure(announcedBytes);
        // Counted without this tensor, which is alive and cannot be reclaimed: otherwise every
        // tensor of 256 MiB or more forced a full collection, disposed or not.
        long before = Interlocked.Add(ref outstandingBytes, announcedBytes) - announcedBytes;
        if (before - Volatile.Read(ref outstandingAfterReclaim) > ReclaimEveryBytes) ReclaimUndisposed();
    }

    private static void ReclaimUndisposed()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Volatile.Write(ref outstandingAfterReclaim, Volatile.Read(ref outstandingBytes));
    }

    internal Borrowed<itorch_tensor> Borrow() => new(this);

    /// <summary>True when the slot holds a tensor (an empty slot or a missing gradient does not).</summary>
    public bool IsDefined
    {
        get { using var t = Borrow(); return Itorch.itorch_tensor_defined(t.Pointer) != 0; }
    }

    /// <summary>Number of dimensions.</summary>
    public int Dim
    {
        get { using var t = Borrow(); return Defined(Itorch.itorch_tensor_dim(t.Pointer)); }
    }

    /// <summary>Number of elements.</summary>
    public long Numel
    {
        get { using var t = Borrow(); return Defined(Itorch.itorch_tensor_numel(t.Pointer)); }
    }

    /// <summary>Element type.</summary>
    public DType DType
    {
        get { using var t = Borrow(); return (DType)Defined(Itorch.itorch_tensor_dtype(t.Pointer)); }
    }

    /// <summary>The device holding the elements.</summary>
    public Device Device
    {
        get
        {
            using var t = Borrow();
            var type = (DeviceType)Defined(Itorch.itorch_tensor_device_type(t.Pointer));
            return type == DeviceType.Cpu ? Device.Cpu : Device.Cuda(Itorch.itorch_tensor_device_index(t.Pointer));
        }
    }

    /// <summary>True when the elements are dense in row-major order.</summary>
    public bool IsContiguous
    {
        get { using var t = Borrow(); return Itorch.itorch_tensor_is_contiguous(t.Pointer) != 0; }
    }

    /// <summary>Size of dimension <paramref name="dim"/>; negative values count from the end.</summary>
    public long Size(int dim)
    {
        using var t = Borrow();
        long size;
        Status.Check(Itorch.itorch_tensor_size(t.Pointer, dim, &size));
        return size;
    }

    /// <summary>Writes the sizes into <paramref name="destination"/> and returns how many were written.</summary>
    public int GetShape(Span<long> destination)
    {
        using var t = Borrow();
        fixed (long* sizes = destination)
        {
            Status.Check(Itorch.itorch_tensor_shape(t.Pointer, sizes, destination.Length));
        }
        return Itorch.itorch_tensor_dim(t.Pointer);
    }

    /// <summary>The sizes, as a new array. Use <see cref="GetShape"/> on hot paths.</summary>
    public long[] Shape
    {
        get
        {
            var shape = new long[Dim];
            GetShape(shape);
            return shape;
        }
    }

    private static T Defined<T>(T value) where T : System.Numerics.INumber<T> =>
        T.IsNegative(value) ? throw new InvalidOperationException("The tensor slot is empty: it holds no tensor.") : value;

    // Returns the result slot, or throws the native error; a slot created for the call is
    // disposed first so a failed op leaks nothing.
    internal static Tensor Finish(Tensor slot, Tensor? callerResult, int status)
    {
        slot.CompleteOrThrow(status, madeForTheCall: callerResult is null);
        if (callerResult is null) slot.AnnounceNativeMemory();
        return slot;
    }

    // The same for an op with several result slots, which the caller owns or the op made.
    internal static void Finish(int status, bool callerOwned, params ReadOnlySpan<Tensor> slots)
    {
        if (status != 0)
        {
            Exception error = Status.LastError(status);
            if (!callerOwned) foreach (Tensor slot in slots) slot.Dispose();
            throw error;
        }
        if (!callerOwned) foreach (Tensor slot in slots) slot.AnnounceNativeMemory();
    }
}
