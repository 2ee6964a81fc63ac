namespace Interop.Torch;

/// <summary>PyTorch's <c>StepLR</c>: multiplies the rate by <c>gamma</c> every <c>stepSize</c> epochs.</summary>
public sealed class StepLR : LearningRateScheduler
{
    private readonly int stepSize;
    private readonly double gamma;

    /// <summary>Decays <paramref name="optimizer"/>'s rate by <paramref name="gamma"/> every <paramref name="stepSize"/> epochs.</summary>
    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1) : base(optimizer, optimizer.LearningRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSize, 1);
        this.stepSize = stepSize;
        this.gamma = gamma;
        Start();
    }

    /// <inheritdoc/>
    protected override double ComputeLearningRate(double current) =>
        LastEpoch == 0 || LastEpoch % stepSize != 0 ? current : current * gamma;
}
