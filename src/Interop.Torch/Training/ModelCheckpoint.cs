namespace Interop.Torch;

/// <summary>
/// Keras' <c>ModelCheckpoint(save_best_only=True)</c>: saves the model's state dict to
/// <see cref="Path"/> at the end of every epoch that improves <see cref="Monitor"/>, so the file
/// holds the best epoch's weights. Load them back with the model's <c>Load(path)</c>. In
/// data-parallel training only rank 0 writes, as the weights are the same on every rank.
/// </summary>
/// <param name="path">The file to write, in the layout of the model's <c>Save</c>.</param>
/// <param name="monitor">The logged value that decides which epoch is best.</param>
/// <param name="mode">Whether higher or lower is better.</param>
public sealed class ModelCheckpoint(string path, string monitor = "val_loss", MonitorMode mode = MonitorMode.Auto) : FitCallback
{
    private readonly MonitoredValue best = new(nameof(ModelCheckpoint), monitor, mode, minDelta: 0);

    /// <summary>The file the best state dict is saved to.</summary>
    public string Path { get; } = !string.IsNullOrEmpty(path) ? path : throw new ArgumentException("The checkpoint needs a file path.", nameof(path));

    /// <summary>The logged value watched.</summary>
    public string Monitor => best.Name;

    /// <summary>The epoch saved last, the best so far, and its value; epoch 0 before the first save.</summary>
    public (int Epoch, double Value) Best => (best.BestEpoch, best.Best);

    /// <inheritdoc/>
    public override void OnTrainBegin(TorchTrainer trainer) => best.Reset();

    /// <inheritdoc/>
    public override void OnEpochEnd(TorchTrainer trainer, EpochLog log)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        if (best.Improves(log) && trainer.Rank == 0) trainer.Model.Save(Path);
    }
}
