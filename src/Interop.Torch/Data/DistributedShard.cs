namespace Interop.Torch;

/// <summary>
/// One rank's share of a dataset, as PyTorch's <c>DistributedSampler</c>: every epoch the
/// ranks agree on one order of the samples (the same seed), pad it by repeating its first
/// samples to a multiple of <see cref="WorldSize"/>, and rank r takes samples r, r + WorldSize,
/// r + 2 WorldSize... So each rank sees as many samples, and together they see every one.
/// </summary>
/// <param name="Rank">This rank, 0 to <paramref name="WorldSize"/> - 1.</param>
/// <param name="WorldSize">The number of ranks sharing the data.</param>
public readonly record struct DistributedShard(int Rank, int WorldSize)
{
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(WorldSize, 1, nameof(WorldSize));
        if (Rank < 0 || Rank >= WorldSize)
        {
            throw new ArgumentOutOfRangeException(nameof(Rank), Rank, $"The rank must be in 0..{WorldSize - 1}.");
        }
    }

    // Samples per rank and epoch: the dataset padded up to a multiple of the world size.
    internal int SamplesOf(int datasetCount) => (datasetCount + WorldSize - 1) / WorldSize;

    // Rank's samples of the agreed order, padded by wrapping around to its start.
    internal void Select(ReadOnlySpan<int> order, Span<int> mine)
    {
        for (int i = 0; i < mine.Length; i++) mine[i] = order[(Rank + i * WorldSize) % order.Length];
    }
}
