namespace Interop.Torch;

/// <summary>What one epoch of <see cref="TorchTrainer.Fit"/> achieved.</summary>
/// <param name="Epoch">The epoch, counted from 1.</param>
/// <param name="MeanLoss">The mean of the epoch's batch losses.</param>
/// <param name="Accuracy">The share of training samples whose largest logit was the label, measured during the epoch.</param>
/// <param name="Duration">Wall-clock time of the epoch.</param>
public readonly record struct EpochMetrics(int Epoch, double MeanLoss, double Accuracy, TimeSpan Duration);

/// <summary>Progress inside <see cref="TorchTrainer.Fit"/>, reported after every batch.</summary>
/// <param name="Epoch">The epoch, counted from 1.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="BatchesPerEpoch">Batches in one epoch.</param>
/// <param name="Loss">The last batch's loss.</param>
public readonly record struct TrainingProgress(int Epoch, int Batch, int BatchesPerEpoch, float Loss);
