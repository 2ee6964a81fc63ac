using Microsoft.Extensions.ObjectPool;

namespace Interop.Torch;

/// <summary>
/// A host buffer pinned for its whole life, with a tensor over it that libtorch reads
/// without a copy. Loops take one from a pool per step, fill it, and return it.
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
public sealed class PinnedBatch<T> : IDisposable where T : unmanaged
{
    /// <summary>Allocates a pinned buffer of the shape's size and wraps it as a CPU tensor.</summary>
    public PinnedBatch(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (long size in shape) count = checked(count * size);
        Buffer = GC.AllocateArray<T>(checked((int)count), pinned: true);
        Tensor = Tensor.FromArray(Buffer, shape);
    }

    /// <summary>The pinned elements; writes are what the tensor holds.</summary>
    public T[] Buffer { get; }

    /// <summary>The tensor over <see cref="Buffer"/>.</summary>
    public Tensor Tensor { get; }

    /// <inheritdoc/>
    public void Dispose() => Tensor.Dispose();

    /// <summary>
    /// A pool of batches of one shape; Get and Return allocate nothing once warm. The pool is
    /// IDisposable and disposes the batches it holds.
    /// </summary>
    public static ObjectPool<PinnedBatch<T>> CreatePool(long[] shape, int retained = 4) =>
        new DefaultObjectPoolProvider { MaximumRetained = retained }.Create(new Policy(shape));

    private sealed class Policy(long[] shape) : PooledObjectPolicy<PinnedBatch<T>>
    {
        public override PinnedBatch<T> Create() => new(shape);

        public override bool Return(PinnedBatch<T> batch) => true;
    }
}
