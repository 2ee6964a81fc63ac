namespace Interop.Torch;

/// <summary>
/// A quantity that <see cref="TorchTrainer.Fit{TTarget}(DataLoader{float, TTarget}, int, DataLoader{float, TTarget}?, IReadOnlyList{Metric}?, IReadOnlyList{FitCallback}?, IProgress{TrainingProgress}?)"/>
/// and <c>Evaluate</c> track besides the loss, as Keras' metrics: it accumulates batch after
/// batch, and <see cref="Result"/> is its value over the batches since the last
/// <see cref="Reset"/>. Fit resets it before each training pass and each validation pass, and
/// logs the validation value under <c>val_</c> and the name.
/// </summary>
public abstract class Metric
{
    /// <summary>The key of the metric in the logs: <c>accuracy</c>, <c>top_5_accuracy</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The value over the batches seen since the last reset; NaN before the first.</summary>
    public abstract double Result { get; }

    /// <summary>Forgets every batch seen.</summary>
    public abstract void Reset();

    /// <summary>Counts one batch: the model's output and the targets as the trainer's loss takes them.</summary>
    public abstract void Update(Tensor output, Tensor target);

    /// <summary>
    /// Keras' <c>accuracy</c>: with class-index targets (cross-entropy), the share of samples whose
    /// largest output is the label; with 0/1 targets of the output's shape (BCE with logits), the
    /// share of outputs whose sign gives the target.
    /// </summary>
    public static Metric Accuracy() => new AccuracyMetric();

    /// <summary>The share of samples whose label is among the <paramref name="k"/> largest outputs; class-index targets only.</summary>
    public static Metric TopKAccuracy(int k) => new TopKAccuracyMetric(k);
}
