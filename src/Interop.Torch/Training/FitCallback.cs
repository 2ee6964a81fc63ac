namespace Interop.Torch;

/// <summary>
/// Keras' <c>Callback</c>: Fit calls it as training goes. To end training after the current
/// epoch, set <see cref="TorchTrainer.StopTraining"/>.
/// </summary>
public abstract class FitCallback
{
    /// <summary>Before the first epoch.</summary>
    public virtual void OnTrainBegin(TorchTrainer trainer) { }

    /// <summary>After each training step; <paramref name="batch"/> counts from 1 in the epoch.</summary>
    public virtual void OnBatchEnd(TorchTrainer trainer, int batch, float loss) { }

    /// <summary>After each epoch, its validation included.</summary>
    public virtual void OnEpochEnd(TorchTrainer trainer, EpochLog log) { }
}
