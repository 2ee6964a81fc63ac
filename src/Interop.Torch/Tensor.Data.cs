using Interop.Torch.Native;

namespace Interop.Torch;

public sealed unsafe partial class Tensor
{
    /// <summary>
    /// The elements of a CPU, contiguous tensor of element type <typeparamref name="T"/>, in
    /// place. The span is valid while this tensor (or a view sharing its storage) is alive
    /// and is not the result of an op that had to rebind it; it must not outlive Dispose.
    /// </summary>
    /// <exception cref="TorchArgumentException">The tensor is on another device, not contiguous, or of another dtype.</exception>
    public Span<T> AsSpan<T>() where T : unmanaged
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

    /// <summary>The address of the first element of a CPU, contiguous tensor, for native code; valid as long as <see cref="AsSpan{T}"/>.</summary>
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
