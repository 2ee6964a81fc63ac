namespace Interop.Torch;

/// <summary>PyTorch's <c>ExponentialLR</c>: multiplies the rate by <c>gamma</c> every epoch.</summary>
public sealed class ExponentialLR : LearningRateScheduler
{
    private readonly double gamma;

    /// <summary>Decays <paramref name="optimizer"/>'s rate by <paramref name="gamma"/> every epoch.</summary>
    public ExponentialLR(Optimizer optimizer, double gamma) : base(optimizer, optimizer.LearningRate)
    {
        this.gamma = gamma;
        Start();
    }

    /// <inheritdoc/>
    protected override double ComputeLearningRate(double current) => LastEpoch == 0 ? current : current * gamma;
}
