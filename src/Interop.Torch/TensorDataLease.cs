using System.Diagnostics.CodeAnalysis;
using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>
/// The elements of a tensor, in place, for as long as the lease is held: the safe way to read
/// and write tensor memory directly. Take it with <see cref="Tensor.LeaseData{T}"/> in a
/// <c>using</c> statement or declaration. While it is held:
/// <list type="bullet">
/// <item>the tensor's slot stays allocated, even if the tensor is disposed meanwhile (on any
/// thread); the slot is freed when the last lease or call ends;</item>
/// <item>no op rebinds the slot to a new tensor: an op given it as <c>result</c> writes into
/// its storage or throws <see cref="TorchArgumentException"/>.</item>
/// </list>
/// <see cref="Span"/> cannot outlive the lease's scope: the compiler rejects storing it in a
/// variable of a wider scope or returning it (CS8156). Let the <c>using</c> end the lease: a
/// span taken before a hand-written <see cref="Dispose"/> stays in scope after it. Disposing
/// twice, or disposing a copy of the lease as well, is harmless: only the first ends it.
/// </summary>
public unsafe ref struct TensorDataLease<T> where T : unmanaged
{
    private Tensor? tensor;
    private readonly T* data;
    private readonly int length;
    private readonly int entry;
    private readonly long generation;

    internal TensorDataLease(Tensor tensor)
    {
        tensor.AddBorrow();
        try
        {
            (entry, generation) = tensor.BeginLease();
        }
        catch
        {
            tensor.ReleaseBorrow();
            throw;
        }
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
            tensor.EndLease(entry, generation);
            tensor.ReleaseBorrow();
            throw;
        }
        this.tensor = tensor;
    }

    /// <summary>The elements, row-major; usable only in the lease's scope and until it is disposed.</summary>
    [UnscopedRef]
    public readonly Span<T> Span =>
        tensor is not null && tensor.HoldsLease(entry, generation)
            ? new Span<T>(data, length)
            : throw new ObjectDisposedException(nameof(TensorDataLease<T>), "The lease has been disposed.");

    /// <summary>Ends the lease: the slot may be rebound again, and is freed if the tensor was disposed meanwhile.</summary>
    public void Dispose()
    {
        Tensor? held = tensor;
        tensor = null;
        if (held is null || !held.EndLease(entry, generation)) return;
        Itorch.itorch_tensor_unlease((itorch_tensor*)held.DangerousGetHandle());
        held.ReleaseBorrow();
    }
}
