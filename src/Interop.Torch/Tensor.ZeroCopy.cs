using System.Buffers;
using System.Runtime.InteropServices;
using Interop.Torch.Native;

namespace Interop.Torch;

public sealed unsafe partial class Tensor
{
    /// <summary>
    /// A CPU tensor over <paramref name="memory"/>, without copying: writes show through both
    /// ways. The memory stays pinned until libtorch frees the storage, which is after this
    /// tensor and every view of it are disposed or finalized, so the caller may drop its own
    /// references at once.
    /// </summary>
    /// <exception cref="ArgumentException">The shape's element count differs from the memory's length.</exception>
    public static Tensor FromMemory<T>(Memory<T> memory, params ReadOnlySpan<long> shape) where T : unmanaged
    {
        RequireLength(memory.Length, shape);
        MemoryHandle pin = memory.Pin();
        // The pin lives on the managed heap behind a GCHandle until the native release callback runs.
        GCHandle owner = GCHandle.Alloc(new PinnedMemory(pin));
        return Wrap((nint)pin.Pointer, memory.Length, shape, ElementType.Of<T>(), &ReleasePinned, GCHandle.ToIntPtr(owner));
    }

    /// <summary>A CPU tensor over <paramref name="array"/>, without copying; see <see cref="FromMemory{T}"/>.</summary>
    public static Tensor FromArray<T>(T[] array, params ReadOnlySpan<long> shape) where T : unmanaged =>
        FromMemory(array.AsMemory(), shape);

    /// <summary>
    /// A CPU tensor over native memory, without copying. <paramref name="release"/> runs exactly
    /// once, on whatever thread frees the storage last (or before this method throws); it must not throw.
    /// </summary>
    public static Tensor FromPointer(nint data, ReadOnlySpan<long> shape, DType dtype, Action? release)
    {
        if (release is null) return Wrap(data, -1, shape, dtype, null, 0);
        GCHandle owner = GCHandle.Alloc(release);
        return Wrap(data, -1, shape, dtype, &ReleaseAction, GCHandle.ToIntPtr(owner));
    }

    /// <summary>
    /// A CPU tensor over native memory with a native release function, for callers that
    /// allocate nothing managed: <paramref name="release"/>(<paramref name="context"/>) runs exactly once.
    /// </summary>
    public static Tensor FromPointer(nint data, ReadOnlySpan<long> shape, DType dtype,
        delegate* unmanaged<void*, void> release, nint context) => Wrap(data, -1, shape, dtype, release, context);

    private static Tensor Wrap(nint data, long length, ReadOnlySpan<long> shape, DType dtype,
        delegate* unmanaged<void*, void> release, nint context)
    {
        Tensor slot;
        try
        {
            slot = new Tensor();
        }
        catch
        {
            if (release != null) release((void*)context);
            throw;
        }
        int status;
        fixed (long* sizes = shape)
        using (var r = slot.Borrow())
        {
            // From here on the shim owns (release, context), even if the call fails.
            status = Itorch.itorch_from_blob(r.Pointer, (void*)data, sizes, shape.Length, (int)dtype, release, (void*)context);
        }
        return Finish(slot, null, status);
    }

    private static void RequireLength(long length, ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (long size in shape)
        {
            if (size < 0) throw new ArgumentException($"Sizes must not be negative; got {size}.", nameof(shape));
            count = checked(count * size);
        }
        if (count != length)
        {
            throw new ArgumentException(
                $"The shape [{string.Join(", ", shape.ToArray())}] has {count} elements but the memory holds {length}.",
                nameof(shape));
        }
    }

    private sealed class PinnedMemory(MemoryHandle pin)
    {
        public void Unpin() => pin.Dispose();
    }

    [UnmanagedCallersOnly]
    private static void ReleasePinned(void* context)
    {
        GCHandle owner = GCHandle.FromIntPtr((nint)context);
        ((PinnedMemory)owner.Target!).Unpin();
        owner.Free();
    }

    [UnmanagedCallersOnly]
    private static void ReleaseAction(void* context)
    {
        GCHandle owner = GCHandle.FromIntPtr((nint)context);
        try
        {
            ((Action)owner.Target!)();
        }
        finally
        {
            owner.Free();
        }
    }
}
