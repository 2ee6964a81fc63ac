namespace Interop.Torch.Distributed;

/// <summary>
/// Data-parallel training for a <see cref="TorchTrainer"/>, as PyTorch's
/// <c>DistributedDataParallel</c>: every rank trains the same model on its own batches, the
/// parameters (and a native model's buffers) start as rank 0's, and the gradients are averaged
/// over the ranks before each optimizer step, so the weights stay equal on every rank.
/// </summary>
/// <param name="Group">The ranks that train together.</param>
public sealed record DataParallelOptions(ProcessGroup Group)
{
    /// <summary>The size of the buckets whose gradients are all-reduced together, as DDP's <c>bucket_cap_mb</c>.</summary>
    public int BucketMegabytes { get; init; } = 25;

    /// <summary>
    /// Starts each bucket's all-reduce as soon as backward has produced its gradients (c10d's
    /// Reducer, DDP's way). False averages all of them in one all-reduce after backward: the
    /// baseline that shows what the overlap saves.
    /// </summary>
    public bool OverlapWithBackward { get; init; } = true;
}
