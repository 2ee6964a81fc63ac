namespace Interop.Torch;

/// <summary>How <see cref="OneCycleLR"/> moves between its rates: PyTorch's <c>anneal_strategy</c>.</summary>
public enum AnnealStrategy
{
    /// <summary>Along half a cosine.</summary>
    Cosine,

    /// <summary>In a straight line.</summary>
    Linear,
}

/// <summary>
/// PyTorch's <c>OneCycleLR</c> (the 1cycle policy): per batch, the rate rises from
/// <c>maxLr / divFactor</c> to <c>maxLr</c> over the first <c>pctStart</c> of the steps, then falls
/// to <c>maxLr / divFactor / finalDivFactor</c>; the momentum (SGD's, or Adam's first beta) moves
/// the opposite way between <c>maxMomentum</c> and <c>baseMomentum</c>. With <c>threePhase</c>
/// the rate comes back down to its start before its final fall, as in fast.ai.
/// </summary>
public sealed class OneCycleLR : LearningRateScheduler
{
    private readonly record struct Phase(double EndStep, double StartRate, double EndRate, double StartMomentum, double EndMomentum);

    private readonly Phase[] phases;
    private readonly AnnealStrategy strategy;
    private readonly bool cycleMomentum;

    /// <summary>Schedules <paramref name="optimizer"/>'s rate and momentum over <paramref name="totalSteps"/> steps.</summary>
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, double pctStart = 0.3,
        AnnealStrategy annealStrategy = AnnealStrategy.Cosine, bool cycleMomentum = true, double baseMomentum = 0.85,
        double maxMomentum = 0.95, double divFactor = 25, double finalDivFactor = 1e4, bool threePhase = false)
        : base(optimizer, maxLr / divFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        if (pctStart is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, "pctStart must be between 0 and 1.");
        TotalSteps = totalSteps;
        strategy = annealStrategy;
        this.cycleMomentum = cycleMomentum;
        double initial = BaseLearningRate;
        double minimum = initial / finalDivFactor;
        double rise = pctStart * totalSteps;
        phases = threePhase
            ? [
                new(rise - 1, initial, maxLr, maxMomentum, baseMomentum),
                new(2 * rise - 2, maxLr, initial, baseMomentum, maxMomentum),
                new(totalSteps - 1, initial, minimum, maxMomentum, maxMomentum),
            ]
            : [
                new(rise - 1, initial, maxLr, maxMomentum, baseMomentum),
                new(totalSteps - 1, maxLr, minimum, baseMomentum, maxMomentum),
            ];
        if (cycleMomentum) optimizer.Momentum = maxMomentum;
        Start();
    }

    /// <summary>The steps of the whole cycle.</summary>
    public int TotalSteps { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Stepped past <see cref="TotalSteps"/>.</exception>
    protected override double ComputeLearningRate(double current)
    {
        if (LastEpoch > TotalSteps)
        {
            throw new InvalidOperationException($"Tried to step {LastEpoch} times. The specified number of total steps is {TotalSteps}.");
        }
        double start = 0;
        for (int i = 0; ; i++)
        {
            Phase phase = phases[i];
            if (LastEpoch <= phase.EndStep || i == phases.Length - 1)
            {
                double progress = (LastEpoch - start) / (phase.EndStep - start);
                if (cycleMomentum) Optimizer.Momentum = Anneal(phase.StartMomentum, phase.EndMomentum, progress);
                return Anneal(phase.StartRate, phase.EndRate, progress);
            }
            start = phase.EndStep;
        }
    }

    private double Anneal(double start, double end, double progress) => strategy == AnnealStrategy.Cosine
        ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * progress) + 1)
        : (end - start) * progress + start;
}
