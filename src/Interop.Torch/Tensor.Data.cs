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

    /// <summary>
    /// The elements as a new array, row-major, converted to <typeparamref name="T"/> as PyTorch's
    /// <c>tolist()</c> gives them (see <see cref="Item{T}"/> for the rules).
    /// </summary>
    /// <exception cref="OverflowException">An element does not fit in <typeparamref name="T"/>.</exception>
    public T[] ToArray<T>() where T : unmanaged
    {
        long count = Numel;
        if (count > Array.MaxLength) throw new InvalidOperationException($"The tensor has {count} elements, more than an array can hold.");
        var values = new T[count];
        DType source = DType;
        if (source == ElementType.Of<T>())
        {
            CopyTo<T>(values);
            return values;
        }
        int size = ElementType.SizeOf(source);
        var stored = new byte[checked(count * size)];
        CopyStored(stored, count, source);
        for (int i = 0; i < values.Length; i++) values[i] = ElementConversion.Convert<T>(stored.AsSpan(i * size, size), source);
        return values;
    }

    /// <summary>
    /// The value of a one-element tensor, converted as PyTorch's <c>item()</c> and Python's
    /// <c>int()</c>, <c>float()</c>, <c>bool()</c> would: a float element read as an integer is
    /// truncated toward zero, an integer read as a float is rounded to the nearest, anything read
    /// as a bool is "not zero".
    /// </summary>
    /// <exception cref="OverflowException">The value does not fit in <typeparamref name="T"/> (NaN or infinity as an integer, or out of range).</exception>
    public T Item<T>() where T : unmanaged
    {
        long count = Numel;
        if (count != 1) throw new InvalidOperationException($"Item needs a tensor with exactly one element; this one has {count}.");
        DType source = DType;
        if (source == ElementType.Of<T>())
        {
            T value;
            CopyTo(new Span<T>(&value, 1));
            return value;
        }
        // The widest element is 8 bytes.
        Span<byte> stored = stackalloc byte[8];
        CopyStored(stored, 1, source);
        return ElementConversion.Convert<T>(stored, source);
    }

    // Copies the elements as they are stored, in the tensor's own dtype.
    private void CopyStored(Span<byte> destination, long count, DType dtype)
    {
        using var t = Borrow();
        fixed (byte* target = destination) Status.Check(Itorch.itorch_tensor_copy_to(t.Pointer, target, count, (int)dtype));
    }
}
