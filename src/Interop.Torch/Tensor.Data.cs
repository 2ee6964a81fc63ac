using Interop.Torch.Native;

namespace Interop.Torch;

public sealed unsafe partial class Tensor
{
    /// <summary>
    /// Leases the elements of a CPU, contiguous tensor of element type <typeparamref name="T"/>
    /// for direct, in-place access: the safe way to read or write tensor memory. Use it in a
    /// <c>using</c>: <c>using var data = t.LeaseData&lt;float&gt;(); data.Span[0] = 1;</c>. The span
    /// cannot outlive the lease, and while the lease is held neither Dispose nor an op can free
    /// the memory under it; see <see cref="TensorDataLease{T}"/>.
    /// </summary>
    /// <exception cref="TorchArgumentException">The tensor is on another device, not contiguous, or of another dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor has been disposed.</exception>
    public TensorDataLease<T> LeaseData<T>() where T : unmanaged => new(this);

    /// <summary>
    /// Raw access, for hot loops that manage lifetimes themselves: the elements of a CPU,
    /// contiguous tensor of element type <typeparamref name="T"/>, in place, with no lease. Nothing
    /// keeps the memory alive for the span: it must not be used after this tensor is disposed
    /// (on any thread) or after an op rebinds it as a result; either frees the memory, and the
    /// span then reads garbage or corrupts the heap, without any <c>unsafe</c> code in sight.
    /// Prefer <see cref="LeaseData{T}"/>.
    /// </summary>
    /// <exception cref="TorchArgumentException">The tensor is on another device, not contiguous, or of another dtype.</exception>
    public Span<T> DangerousAsSpan<T>() where T : unmanaged
    {
        using var t = Borrow();
        void* data;
        Status.Check(Itorch.itorch_tensor_data(t.Pointer, (int)ElementType.Of<T>(), &data));
        long count = Itorch.itorch_tensor_numel(t.Pointer);
        if (count > int.MaxValue)
        {
            throw new InvalidOperationException($"The tensor has {count} elements, more than a span can hold; use CopyTo in parts.");
        }
        return new Span<T>(data, (int)count);
    }

    /// <summary>The address of the first element of a CPU, contiguous tensor, for native code; raw, valid as long as <see cref="DangerousAsSpan{T}"/>.</summary>
    public nint DataPointer<T>() where T : unmanaged
    {
        using var t = Borrow();
        void* data;
        Status.Check(Itorch.itorch_tensor_data(t.Pointer, (int)ElementType.Of<T>(), &data));
        return (nint)data;
    }

    /// <summary>Copies every element, row-major, into <paramref name="destination"/>, which must hold exactly <see cref="Numel"/> elements. Works for any layout and device.</summary>
    public void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        using var t = Borrow();
        fixed (T* target = destination)
        {
            Status.Check(Itorch.itorch_tensor_copy_to(t.Pointer, target, destination.Length, (int)ElementType.Of<T>()));
        }
    }

    /// <summary>Overwrites every element from <paramref name="source"/>, row-major, which must hold exactly <see cref="Numel"/> elements. Works for any layout and device.</summary>
    public void CopyFrom<T>(ReadOnlySpan<T> source) where T : unmanaged
    {
        using var t = Borrow();
        fixed (T* data = source)
        {
            Status.Check(Itorch.itorch_tensor_copy_from(t.Pointer, data, source.Length, (int)ElementType.Of<T>()));
        }
    }

    /// <summary>The elements as a new array, row-major.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        long count = Numel;
        if (count > Array.MaxLength) throw new InvalidOperationException($"The tensor has {count} elements, more than an array can hold.");
        var values = new T[count];
        CopyTo<T>(values);
        return values;
    }

    /// <summary>The value of a one-element tensor.</summary>
    public T Item<T>() where T : unmanaged
    {
        long count = Numel;
        if (count != 1) throw new InvalidOperationException($"Item needs a tensor with exactly one element; this one has {count}.");
        T value;
        CopyTo(new Span<T>(&value, 1));
        return value;
    }

    /// <summary>Copies <paramref name="source"/> into this tensor's storage, broadcasting and converting dtype and device.</summary>
    public void CopyFrom(Tensor source)
    {
        using var t = Borrow();
        using var s = source.Borrow();
        Status.Check(Itorch.itorch_copy_(t.Pointer, s.Pointer));
    }
}
