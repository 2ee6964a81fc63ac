namespace Interop.Torch;

/// <summary>
/// Keras' <c>EarlyStopping</c>: ends Fit after <see cref="Patience"/> epochs in a row in which
/// <see cref="Monitor"/> did not improve (after the first such epoch when the patience is 0, as
/// in Keras).
/// </summary>
/// <param name="monitor">The logged value to watch: <c>val_loss</c>, <c>val_accuracy</c>, <c>loss</c>...</param>
/// <param name="patience">Epochs without improvement before stopping.</param>
/// <param name="minDelta">The least change that counts as an improvement.</param>
/// <param name="mode">Whether higher or lower is better.</param>
public sealed class EarlyStopping(string monitor = "val_loss", int patience = 0, double minDelta = 0, MonitorMode mode = MonitorMode.Auto)
    : FitCallback
{
    private readonly MonitoredValue best = new(nameof(EarlyStopping), monitor, mode, minDelta);
    private int waited;

    /// <summary>The logged value watched.</summary>
    public string Monitor => best.Name;

    /// <summary>Epochs without improvement before it stops training.</summary>
    public int Patience { get; } = patience >= 0 ? patience : throw new ArgumentOutOfRangeException(nameof(patience), patience, "Patience cannot be negative.");

    /// <summary>The epoch whose end stopped training; 0 while it has not.</summary>
    public int StoppedEpoch { get; private set; }

    /// <summary>The epoch of the best value, and the value.</summary>
    public (int Epoch, double Value) Best => (best.BestEpoch, best.Best);

    /// <inheritdoc/>
    public override void OnTrainBegin(TorchTrainer trainer)
    {
        best.Reset();
        waited = 0;
        StoppedEpoch = 0;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TorchTrainer trainer, EpochLog log)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        if (best.Improves(log))
        {
            waited = 0;
            return;
        }
        waited++;
        if (waited >= Patience)
        {
            StoppedEpoch = log.Epoch;
            trainer.StopTraining = true;
        }
    }
}
