namespace Interop.Torch;

/// <summary>Progress inside Fit, reported after every training step, with running values as Keras' progress bar shows them.</summary>
/// <param name="Epoch">The epoch, counted from 1.</param>
/// <param name="Epochs">The epochs Fit was asked for.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="BatchesPerEpoch">Batches in one epoch.</param>
/// <param name="Loss">The mean loss per sample over the epoch's batches so far.</param>
/// <param name="Metrics">The metrics, whose <see cref="Metric.Result"/> covers the epoch's batches so far.</param>
public readonly record struct TrainingProgress(int Epoch, int Epochs, int Batch, int BatchesPerEpoch, double Loss, IReadOnlyList<Metric> Metrics);
