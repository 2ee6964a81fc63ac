namespace Interop.Cli.Bench;

/// <summary>
/// One engine's timed rounds for one workload: the milliseconds per step of each round and, for
/// .NET engines, the managed bytes allocated while they ran, read from
/// <paramref name="allocatedBytes"/> before and after each round.
/// </summary>
internal sealed class EngineTimer(string engine, Func<int, TimeSpan> run, Func<long?> allocatedBytes, int rounds)
{
    private readonly List<double> msPerStep = new(rounds);
    private long? managedBytes;
    private long measuredSteps;

    public string Engine { get; } = engine;

    public void WarmUp(int steps) => run(steps);

    public void Round(int steps)
    {
        long? before = allocatedBytes();
        TimeSpan elapsed = run(steps);
        if (before is not null) managedBytes = (managedBytes ?? 0) + allocatedBytes()!.Value - before.Value;
        measuredSteps += steps;
        msPerStep.Add(elapsed.TotalMilliseconds / steps);
    }

    /// <summary>Bytes per step; null for an engine that has no managed heap (Python).</summary>
    public double? ManagedBytesPerStep => managedBytes is { } bytes ? (double)bytes / measuredSteps : null;

    public (double Median, double P10, double P90) Summary()
    {
        double[] sorted = [.. msPerStep.Order()];
        return (Percentile(sorted, 0.5), Percentile(sorted, 0.1), Percentile(sorted, 0.9));
    }

    // Nearest rank: with the few rounds a benchmark affords, interpolating invents precision.
    private static double Percentile(double[] sorted, double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
}
