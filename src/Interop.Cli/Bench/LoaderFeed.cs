using Interop.Torch;

namespace Interop.Cli.Bench;

/// <summary>
/// The batches of the csharp-loader engine: a <see cref="DataLoader{TInput, TTarget}"/> over
/// several batches of the study's data, shuffled, its epochs run back to back so that the
/// worker keeps preparing ahead across the engine's rounds.
/// </summary>
internal sealed class LoaderFeed<TTarget> : IDisposable where TTarget : unmanaged
{
    // Batches in the dataset: at least 8, so that the shuffled order differs from one batch
    // repeated, and up to 64 MiB of inputs, so that epochs are long enough for their start (the
    // loop waits for an epoch's first batch) to weigh as little as in real training.
    public static int Batches(long inputsPerBatch) => (int)Math.Clamp(64L * 1024 * 1024 / (inputsPerBatch * sizeof(float)), 8, 256);

    private readonly DataLoader<float, TTarget> loader;
    private DataLoader<float, TTarget>.Enumerator batches;

    public LoaderFeed(TensorDataset<float, TTarget> data, int batchSize)
    {
        loader = new DataLoader<float, TTarget>(data, batchSize, shuffle: true, seed: 1, dropLast: true);
        batches = loader.GetEnumerator();
    }

    public DataLoaderBatch<float, TTarget> Next()
    {
        while (!batches.MoveNext())
        {
            batches.Dispose();
            batches = loader.GetEnumerator();
        }
        return batches.Current;
    }

    public void Dispose()
    {
        batches.Dispose();
        loader.Dispose();
    }
}
