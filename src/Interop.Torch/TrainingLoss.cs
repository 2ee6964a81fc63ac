namespace Interop.Torch;

/// <summary>The loss a <see cref="TorchTrainer"/> minimises.</summary>
public enum TrainingLoss
{
    /// <summary>Cross-entropy of logits against class indices.</summary>
    CrossEntropy,
    /// <summary>Mean squared error against targets of the output's shape.</summary>
    MeanSquaredError,
    /// <summary>Binary cross-entropy of logits against 0/1 targets of the output's shape (multi-label; the study's loss).</summary>
    BinaryCrossEntropyWithLogits,
}

/// <summary>The loss was NaN or infinite: training diverged.</summary>
public sealed class NonFiniteLossException(long step, float loss)
    : ArithmeticException($"The loss became {loss} at step {step}; training diverged (try a lower learning rate).")
{
    /// <summary>The step, counted from 1, whose loss was not finite.</summary>
    public long Step { get; } = step;

    /// <summary>The loss value.</summary>
    public float Loss { get; } = loss;
}
