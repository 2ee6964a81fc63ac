namespace Interop.Torch;

// The best value so far of one logged name, shared by EarlyStopping and ModelCheckpoint.
internal sealed class MonitoredValue
{
    private readonly string owner;
    private readonly bool higherIsBetter;
    private readonly double minDelta;

    public MonitoredValue(string owner, string name, MonitorMode mode, double minDelta)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(minDelta);
        this.owner = owner;
        Name = name;
        higherIsBetter = mode == MonitorMode.Max || (mode == MonitorMode.Auto && name.Contains("acc", StringComparison.Ordinal));
        this.minDelta = minDelta;
        Reset();
    }

    public string Name { get; }

    public double Best { get; private set; }

    public int BestEpoch { get; private set; }

    public void Reset() => (Best, BestEpoch) = (higherIsBetter ? double.NegativeInfinity : double.PositiveInfinity, 0);

    // Reads the epoch's value and keeps it when it beats the best by more than minDelta.
    public bool Improves(EpochLog log)
    {
        if (!log.Values.TryGetValue(Name, out double value))
        {
            throw new InvalidOperationException($"{owner} monitors '{Name}', which Fit does not log; it logs {string.Join(", ", log.Values.Keys)}" +
                (Name.StartsWith("val_", StringComparison.Ordinal) ? " (validation values need validationData)." : "."));
        }
        bool better = higherIsBetter ? value - minDelta > Best : value + minDelta < Best;
        if (better) (Best, BestEpoch) = (value, log.Epoch);
        return better;
    }
}
