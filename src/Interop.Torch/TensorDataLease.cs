using System.Diagnostics.CodeAnalysis;
using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>
/// The elements of a tensor, in place, for as long as the lease is held: the safe way to read
/// and write tensor memory directly. Take it with <see cref="Tensor.LeaseData{T}"/> in a
/// <c>using</c> statement or declaration. While it is held:
/// <list type="bullet">
/// <item>the tensor's slot stays allocated, even if the tensor is disposed meanwhile (on any
/// thread); the slot is freed when the lease ends;</item>
/// <item>no op rebinds the slot to a new tensor: an op given it as <c>result</c> writes into
/// its storage or throws <see cref="TorchArgumentException"/>.</item>
/// </list>
/// <see cref="Span"/> cannot outlive the lease: the compiler rejects storing it in a variable of
/// a wider scope or returning it (CS8156). Copies of a lease share one borrow, so dispose it
/// once (the <c>using</c> does) and do not copy it; after <see cref="Dispose"/>,
/// <see cref="Span"/> throws <see cref="ObjectDisposedException"/>.
/// </summary>
public unsafe ref struct TensorDataLease<T> where T : unmanaged
{
    private Tensor? tensor;
    private readonly T* data;
    private readonly int length;

    internal TensorDataLease(Tensor tensor)
    {
        tensor.AddBorrow();
        try
        {
            void* first;
            long count;
            var slot = (itorch_tensor*)tensor.DangerousGetHandle();
            Status.Check(Itorch.itorch_tensor_lease(slot, (int)ElementType.Of<T>(), &first, &count));
            if (count > int.MaxValue)
            {
                Itorch.itorch_tensor_unlease(slot);
                throw new InvalidOperationException($"The tensor has {count} elements, more than a span can hold; use CopyTo in parts.");
            }
            data = (T*)first;
            length = (int)count;
        }
        catch
        {
            tensor.DangerousRelease();
            throw;
        }
        this.tensor = tensor;
    }

    /// <summary>The elements, row-major; valid until the lease is disposed, and usable only in the lease's scope.</summary>
    [UnscopedRef]
    public readonly Span<T> Span =>
        tensor is null ? throw new ObjectDisposedException(nameof(TensorDataLease<T>), "The lease has been disposed.") : new Span<T>(data, length);

    /// <summary>Ends the lease: the slot may be rebound again, and freed if the tensor was disposed meanwhile.</summary>
    public void Dispose()
    {
        Tensor? held = tensor;
        if (held is null) return;
        tensor = null;
        Itorch.itorch_tensor_unlease((itorch_tensor*)held.DangerousGetHandle());
        held.DangerousRelease();
    }
}
