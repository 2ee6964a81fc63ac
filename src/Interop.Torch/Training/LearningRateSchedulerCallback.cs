namespace Interop.Torch;

/// <summary>
/// Steps a <see cref="LearningRateScheduler"/> from Fit: after every epoch, as PyTorch's
/// epoch-wise schedules expect, or after every batch, as <see cref="OneCycleLR"/> does.
/// </summary>
/// <param name="scheduler">The schedule; it sets the trainer's optimizer's rate.</param>
/// <param name="everyBatch">Step after each training step instead of each epoch.</param>
public sealed class LearningRateSchedulerCallback(LearningRateScheduler scheduler, bool everyBatch = false) : FitCallback
{
    /// <summary>The schedule stepped.</summary>
    public LearningRateScheduler Scheduler { get; } = scheduler ?? throw new ArgumentNullException(nameof(scheduler));

    /// <summary>Whether it steps after each batch rather than each epoch.</summary>
    public bool EveryBatch { get; } = everyBatch;

    /// <inheritdoc/>
    public override void OnBatchEnd(TorchTrainer trainer, int batch, float loss)
    {
        if (EveryBatch) Scheduler.Step();
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TorchTrainer trainer, EpochLog log)
    {
        if (!EveryBatch) Scheduler.Step();
    }
}
