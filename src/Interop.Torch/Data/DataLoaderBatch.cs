namespace Interop.Torch;

/// <summary>
/// One batch of a <see cref="DataLoader{TInput, TTarget}"/>: tensors over pinned buffers that
/// libtorch reads without a copy. It stays valid until the loop asks for the next batch; the
/// loader then reuses its buffers.
/// </summary>
public sealed class DataLoaderBatch<TInput, TTarget> : IDisposable
    where TInput : unmanaged
    where TTarget : unmanaged
{
    private readonly PinnedBatch<TInput> input;
    private readonly PinnedBatch<TTarget> target;
    private readonly int[] indices;

    internal DataLoaderBatch(int size, ReadOnlySpan<long> inputShape, ReadOnlySpan<long> targetShape)
    {
        input = new PinnedBatch<TInput>([size, .. inputShape]);
        target = new PinnedBatch<TTarget>([size, .. targetShape]);
        indices = new int[size];
    }

    /// <summary>The samples in the batch: the batch size, or fewer in a last partial batch.</summary>
    public int Count => indices.Length;

    /// <summary>The inputs, <c>[Count, ..InputShape]</c>.</summary>
    public Tensor Input => input.Tensor;

    /// <summary>The targets, <c>[Count, ..TargetShape]</c>.</summary>
    public Tensor Target => target.Tensor;

    /// <summary>The inputs' values, sample after sample.</summary>
    public ReadOnlySpan<TInput> InputValues => input.Buffer;

    /// <summary>The targets' values, sample after sample.</summary>
    public ReadOnlySpan<TTarget> TargetValues => target.Buffer;

    /// <summary>The dataset indices of the samples, in batch order.</summary>
    public ReadOnlySpan<int> Indices => indices;

    internal void Fill(IDataset<TInput, TTarget> dataset, ReadOnlySpan<int> samples)
    {
        samples.CopyTo(indices);
        int inputSize = input.Buffer.Length / Count;
        int targetSize = target.Buffer.Length / Count;
        for (int i = 0; i < Count; i++)
        {
            dataset.CopySample(samples[i], input.Buffer.AsSpan(i * inputSize, inputSize), target.Buffer.AsSpan(i * targetSize, targetSize));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        input.Dispose();
        target.Dispose();
    }
}
