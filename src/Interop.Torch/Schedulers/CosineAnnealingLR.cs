namespace Interop.Torch;

/// <summary>
/// PyTorch's <c>CosineAnnealingLR</c>: the rate follows a cosine from the base rate down to
/// <c>etaMin</c> over <c>tMax</c> epochs, then back up, and so on. Computed step by step from the
/// rate before, with PyTorch's recurrence, so the values match PyTorch's.
/// </summary>
public sealed class CosineAnnealingLR : LearningRateScheduler
{
    private readonly int tMax;
    private readonly double etaMin;

    /// <summary>Anneals <paramref name="optimizer"/>'s rate over half-periods of <paramref name="tMax"/> epochs.</summary>
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin = 0) : base(optimizer, optimizer.LearningRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tMax, 1);
        this.tMax = tMax;
        this.etaMin = etaMin;
        Start();
    }

    /// <inheritdoc/>
    protected override double ComputeLearningRate(double current)
    {
        if (LastEpoch == 0) return current;
        // Python's % is never negative; the rate restarts its rise after each minimum.
        if (FloorModulo(LastEpoch - 1 - tMax, 2 * tMax) == 0)
        {
            return current + (BaseLearningRate - etaMin) * (1 - Math.Cos(Math.PI / tMax)) / 2;
        }
        return (1 + Math.Cos(Math.PI * LastEpoch / tMax)) / (1 + Math.Cos(Math.PI * (LastEpoch - 1) / tMax)) *
            (current - etaMin) + etaMin;
    }

    private static int FloorModulo(int value, int modulus) => ((value % modulus) + modulus) % modulus;
}
